#!/bin/sh
# Entry point of the console image (compose service console-frontend).
#  1. Writes the console's runtime settings to $NGINX_RUNTIME_DIR/config.js, which nginx serves as
#     /config.js; index.html loads it before the bundle: window.__ASTRON_CONFIG__ = {...}.
#  2. Renders nginx.conf from the template, replacing only its ${...} placeholders (nginx's own
#     $variables stay), each value checked first so nothing can be injected into the configuration.
#  3. Runs nginx in the foreground. Arguments are passed to nginx: `docker run IMAGE -t` tests the config.
# POSIX sh (the image's busybox sh; Debian's dash runs it in the tests).
set -eu

fail() {
  echo "docker-entrypoint: $*" >&2
  exit 64
}

# Only characters a host, port, path, size or address needs: no spaces, ';', '{', quotes or '$'.
check() { # name value
  case "$2" in
    '' | *[!A-Za-z0-9._:/-]*) fail "$1 must be set to a host, port, path or size (letters, digits and . _ : / -), not '$2'" ;;
  esac
}

CONSOLE_PORT="${CONSOLE_PORT:-1881}"
CONSOLE_HUB_UPSTREAM="${CONSOLE_HUB_UPSTREAM:-console-hub:8080}"
CONSOLE_ROOT="${CONSOLE_ROOT:-/usr/share/nginx/html}"
CONSOLE_MAX_BODY_SIZE="${CONSOLE_MAX_BODY_SIZE:-20m}"
NGINX_RUNTIME_DIR="${NGINX_RUNTIME_DIR:-/tmp/nginx}"
NGINX_TEMPLATE="${NGINX_TEMPLATE:-/etc/nginx/astron/nginx.conf.template}"
NGINX_MIME_TYPES="${NGINX_MIME_TYPES:-/etc/nginx/mime.types}"
NGINX_ACCESS_LOG="${NGINX_ACCESS_LOG:-/dev/stdout}"
# Docker's embedded DNS (127.0.0.11) in Compose, the cluster DNS in Kubernetes: whatever the container uses.
if [ -z "${NGINX_RESOLVER:-}" ] && [ -r /etc/resolv.conf ]; then
  NGINX_RESOLVER="$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf)"
fi
NGINX_RESOLVER="${NGINX_RESOLVER:-}"

case "$CONSOLE_PORT" in '' | *[!0-9]*) fail "CONSOLE_PORT must be a port number, not '$CONSOLE_PORT'" ;; esac
case "$CONSOLE_MAX_BODY_SIZE" in
  *[!0-9kKmMgG]* | [!0-9]* | '') fail "CONSOLE_MAX_BODY_SIZE must be a size such as 20m, not '$CONSOLE_MAX_BODY_SIZE'" ;;
esac
check CONSOLE_HUB_UPSTREAM "$CONSOLE_HUB_UPSTREAM"
check CONSOLE_ROOT "$CONSOLE_ROOT"
check NGINX_RUNTIME_DIR "$NGINX_RUNTIME_DIR"
check NGINX_MIME_TYPES "$NGINX_MIME_TYPES"
check NGINX_ACCESS_LOG "$NGINX_ACCESS_LOG"
# `off`, or a path logged in the format defined in the template.
[ "$NGINX_ACCESS_LOG" = off ] || NGINX_ACCESS_LOG="$NGINX_ACCESS_LOG astron"
[ -n "$NGINX_RESOLVER" ] || fail "NGINX_RESOLVER is not set and /etc/resolv.conf names no nameserver"
check NGINX_RESOLVER "$NGINX_RESOLVER"
# nginx writes an IPv6 resolver in brackets.
case "$NGINX_RESOLVER" in *:*) NGINX_RESOLVER="[$NGINX_RESOLVER]" ;; esac
[ -r "$NGINX_TEMPLATE" ] || fail "the nginx template $NGINX_TEMPLATE cannot be read (NGINX_TEMPLATE)"
[ -r "$CONSOLE_ROOT/index.html" ] || fail "$CONSOLE_ROOT/index.html is missing: CONSOLE_ROOT must be the built console"

mkdir -p "$NGINX_RUNTIME_DIR"

# A JSON string: backslash and quote escaped, control characters dropped, '<' written as \u003c.
json_string() {
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/</\\u003c/g' | tr -d '\000-\037')"
}

{
  echo '// Written by docker-entrypoint.sh at container start from CONSOLE_* variables.'
  printf 'window.__ASTRON_CONFIG__ = {'
  printf '"apiBaseUrl": %s, ' "$(json_string "${CONSOLE_API_BASE_URL:-}")"
  printf '"casdoorUrl": %s, ' "$(json_string "${CONSOLE_CASDOOR_URL:-}")"
  printf '"casdoorClientId": %s' "$(json_string "${CONSOLE_CASDOOR_ID:-}")"
  printf '};\n'
} >"$NGINX_RUNTIME_DIR/config.js.next"
mv "$NGINX_RUNTIME_DIR/config.js.next" "$NGINX_RUNTIME_DIR/config.js"

sed \
  -e "s|\${CONSOLE_PORT}|$CONSOLE_PORT|g" \
  -e "s|\${CONSOLE_HUB_UPSTREAM}|$CONSOLE_HUB_UPSTREAM|g" \
  -e "s|\${CONSOLE_ROOT}|$CONSOLE_ROOT|g" \
  -e "s|\${CONSOLE_MAX_BODY_SIZE}|$CONSOLE_MAX_BODY_SIZE|g" \
  -e "s|\${NGINX_RESOLVER}|$NGINX_RESOLVER|g" \
  -e "s|\${NGINX_RUNTIME_DIR}|$NGINX_RUNTIME_DIR|g" \
  -e "s|\${NGINX_MIME_TYPES}|$NGINX_MIME_TYPES|g" \
  -e "s|\${NGINX_ACCESS_LOG}|$NGINX_ACCESS_LOG|g" \
  "$NGINX_TEMPLATE" >"$NGINX_RUNTIME_DIR/nginx.conf"

# exec: nginx becomes this process, so `docker stop` (SIGTERM) reaches it; SIGQUIT drains gracefully.
exec nginx -c "$NGINX_RUNTIME_DIR/nginx.conf" -e stderr -g 'daemon off;' "$@"
