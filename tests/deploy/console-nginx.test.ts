import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type HubUnderTest } from '../../services/hub/src/test-harness.js';
import {
  builtConsole,
  entrypointEnv,
  requireNginx,
  runEntrypoint,
  scratchFolder,
  startConsoleNginx,
  type RunningNginx,
} from './console-nginx.js';
import { rawRequest } from './stream-upstream.js';

/**
 * Real nginx (Debian's) with the console image's configuration, in front of a running hub (tenant and
 * hub in this process, on PGlite) and the built console: the single-page app, its caching, the API
 * proxy and compression. Streams are checked in console-nginx-stream.test.ts.
 */
const scratch = scratchFolder('astron-console-nginx-');
let dist: string;
let hub: HubUnderTest;
let nginx: RunningNginx;

// The hub with its tenant, agent and workflow services, each on a PGlite: over a minute on a busy machine.
beforeAll(async () => {
  requireNginx();
  dist = await builtConsole(scratch.path);
  // A small upload limit, so a declared length shows who refuses: the hub (JSON) or nginx (its own page).
  hub = await startTestHub({ KNOWLEDGE_MAX_FILE_MB: '1' });
  nginx = await startConsoleNginx({
    root: dist,
    upstream: new URL(hub.url).host,
    runtimeDir: join(scratch.path, 'runtime'),
  });
}, 300_000);

afterAll(async () => {
  const exit = await nginx?.stop();
  await hub?.stop();
  scratch.remove();
  expect(exit, 'nginx ends cleanly on SIGTERM').toBe(0);
});

function assets(extension: string): string[] {
  return readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith(extension))
    .sort((a, b) => statSync(join(dist, 'assets', b)).size - statSync(join(dist, 'assets', a)).size);
}

function expectSecurityHeaders(headers: Headers | Record<string, unknown>, what: string): void {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]);
  expect(get('x-content-type-options'), what).toBe('nosniff');
  expect(get('x-frame-options'), what).toBe('SAMEORIGIN');
  expect(get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
}

describe('nginx -t and the entry point', () => {
  it('accepts the configuration rendered with the image defaults (the hub named console-hub:8080)', async () => {
    const runtimeDir = join(scratch.path, 'defaults');
    const result = await runEntrypoint(['-t'], entrypointEnv({ root: dist, runtimeDir }));
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/syntax is ok/);
    expect(result.output).toMatch(/test is successful/);
    const rendered = readFileSync(join(runtimeDir, 'nginx.conf'), 'utf8');
    expect(rendered).toContain('listen 1881;');
    expect(rendered).toContain('set $hub_upstream http://console-hub:8080;');
    expect(rendered, 'every placeholder replaced').not.toMatch(/\$\{[A-Z_]+\}/);
  });

  it('refuses a value that would change the configuration, naming the variable', async () => {
    for (const [variable, value] of [
      ['CONSOLE_HUB_UPSTREAM', 'hub:8080; include /etc/passwd'],
      ['CONSOLE_HUB_UPSTREAM', '$host'],
      ['CONSOLE_PORT', '1881 ssl'],
      ['CONSOLE_MAX_BODY_SIZE', '1g;'],
    ] as const) {
      const env = entrypointEnv({
        root: dist,
        runtimeDir: join(scratch.path, 'refused'),
        variables: { [variable]: value },
      });
      const result = await runEntrypoint(['-t'], env);
      expect(result.code, `${variable}=${value}`).toBe(64);
      expect(result.output).toContain(variable);
    }
    const noConsole = entrypointEnv({ root: scratch.path, runtimeDir: join(scratch.path, 'refused') });
    const result = await runEntrypoint(['-t'], noConsole);
    expect(result.code).toBe(64);
    expect(result.output).toMatch(/index\.html is missing/);
  });

  it('writes config.js as JSON, whatever the values hold', async () => {
    const runtimeDir = join(scratch.path, 'config');
    mkdirSync(runtimeDir);
    const tricky = 'http://sso.example/"quoted"\\back</script>\nnext';
    const env = entrypointEnv({
      root: dist,
      runtimeDir,
      variables: { CONSOLE_CASDOOR_URL: tricky, CONSOLE_CASDOOR_ID: 'client-1', CONSOLE_API_BASE_URL: '' },
    });
    const result = await runEntrypoint(['-t'], env);
    expect(result.code, result.output).toBe(0);
    const text = readFileSync(join(runtimeDir, 'config.js'), 'utf8');
    const match = /^window\.__ASTRON_CONFIG__ = (\{.*\});$/m.exec(text);
    expect(match, text).not.toBeNull();
    expect(text).not.toContain('</script>');
    expect(JSON.parse(match?.[1] ?? '')).toEqual({
      apiBaseUrl: '',
      casdoorUrl: tricky.replace('\n', ''),
      casdoorClientId: 'client-1',
    });
  });
});

describe('nginx in front of the hub and the built console', () => {
  it('serves index.html at / and at any deep path of the single-page app, never cached', async () => {
    const index = readFileSync(join(dist, 'index.html'), 'utf8');
    for (const path of ['/', '/signin', '/spaces/0b5e/members?tab=roles']) {
      const response = await fetch(`${nginx.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expectSecurityHeaders(response.headers, path);
      expect(await response.text(), path).toBe(index);
    }
  });

  it('serves built assets with a long cache, and a missing asset as 404 (not index.html)', async () => {
    const [script] = assets('.js');
    expect(script, 'a built script under assets/').toBeDefined();
    const response = await fetch(`${nginx.url}/assets/${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(readFileSync(join(dist, 'assets', script ?? ''), 'utf8'));

    const missing = await fetch(`${nginx.url}/assets/not-built-${Date.now()}.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBeNull();
  });

  it('serves the runtime config.js the entry point wrote, not the built one, never cached', async () => {
    const response = await fetch(`${nginx.url}/config.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const text = await response.text();
    expect(text).toMatch(/Written by docker-entrypoint\.sh/);
    expect(text).toContain('window.__ASTRON_CONFIG__ = {"apiBaseUrl": ""');
  });

  it('compresses text (scripts, styles) with gzip for clients that accept it', async () => {
    const [script] = assets('.js');
    const plain = readFileSync(join(dist, 'assets', script ?? ''));
    const answer = await rawRequest(`${nginx.url}/assets/${script}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    expect(answer.body.length).toBeLessThan(plain.length);
    expect(gunzipSync(answer.body).equals(plain)).toBe(true);

    const identity = await rawRequest(`${nginx.url}/assets/${script}`);
    expect(identity.headers['content-encoding']).toBeUndefined();
  });

  it('proxies /api to the hub: the same answer as the hub gives directly', async () => {
    for (const path of ['/api/setup', `/api/no-such-route-${Date.now()}`]) {
      const [direct, proxied] = await Promise.all([fetch(`${hub.url}${path}`), fetch(`${nginx.url}${path}`)]);
      expect(proxied.status, path).toBe(direct.status);
      expect(proxied.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(proxied.headers.get('x-request-id'), `${path}: answered by the hub`).toBeTruthy();
      expect(await proxied.json(), path).toEqual(await direct.json());
      expectSecurityHeaders(proxied.headers, path);
    }
  });

  it('proxies POST bodies and /v1 (the public gateway) to the hub', async () => {
    const login = { email: 'nobody@example.com', password: 'not the password' };
    const send = (base: string) =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
    const [direct, proxied] = await Promise.all([send(hub.url), send(nginx.url)]);
    expect(proxied.status).toBe(direct.status);
    const expected = (await direct.json()) as { code?: string };
    expect(await proxied.json()).toMatchObject({ code: expected.code });

    const [gatewayDirect, gateway] = await Promise.all([
      fetch(`${hub.url}/v1/models`),
      fetch(`${nginx.url}/v1/models`),
    ]);
    expect(gateway.status).toBe(gatewayDirect.status);
    expect(gateway.headers.get('x-request-id')).toBeTruthy();
  });

  it('leaves the size of knowledge document uploads to the hub (KNOWLEDGE_MAX_FILE_MB), above CONSOLE_MAX_BODY_SIZE', async () => {
    const upload = (base: string) =>
      rawRequest(`${base}/api/knowledge-bases/kb-1/documents`, {
        method: 'POST',
        headers: {
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(21 * 1024 * 1024),
        },
      });
    const [direct, proxied] = await Promise.all([upload(hub.url), upload(nginx.url)]);
    expect(direct.status).toBe(413);
    expect(proxied.status).toBe(413);
    expect(proxied.headers['x-request-id'], 'answered by the hub').toBeTruthy();
    expect(JSON.parse(proxied.body.toString('utf8'))).toMatchObject({
      code: (JSON.parse(direct.body.toString('utf8')) as { code: string }).code,
    });
  });
});
