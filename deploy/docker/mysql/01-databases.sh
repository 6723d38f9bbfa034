# Sourced (not executed) by the mysql image's entrypoint on the first start, when the data volume is
# empty; the entrypoint has already created the account MYSQL_USER. This lets that account own the
# database of each service listed in ASTRON_MYSQL_DATABASES (space separated). Each service creates
# its database itself on start (with the collation it expects); a grant on a missing database is valid.
# On an existing volume this never runs again: grant a new service's database by hand (../README.md).

astron_sql() {
  if command -v docker_process_sql >/dev/null 2>&1; then
    docker_process_sql --database=mysql
  else
    MYSQL_PWD="$MYSQL_ROOT_PASSWORD" mysql --protocol=socket -uroot --database=mysql
  fi
}

for astron_database in ${ASTRON_MYSQL_DATABASES:-}; do
  echo "astron: granting database ${astron_database} to ${MYSQL_USER}"
  # In GRANT, `_` is a wildcard inside a database name: escape it as the entrypoint does.
  astron_sql <<SQL
GRANT ALL PRIVILEGES ON \`${astron_database//_/\\_}\`.* TO '${MYSQL_USER}'@'%';
SQL
done
unset astron_database
