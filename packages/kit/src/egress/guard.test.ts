import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemResolver } from './resolve.js';
import { clientFactory, failure, startTestServer, type TestServer } from './test-support.js';

const { client, closeAll } = clientFactory();
let server: TestServer;
let other: TestServer;

beforeAll(async () => {
  [server, other] = await Promise.all([startTestServer(), startTestServer()]);
});

afterAll(async () => {
  await closeAll();
  await Promise.all([server.close(), other.close()]);
});

describe('refusals before any connection', () => {
  it.each([
    ['loopback by IP', (port: number) => `http://127.0.0.1:${port}/`, '127.0.0.1 (loopback)'],
    [
      'IPv6 loopback',
      (port: number) => `http://[::1]:${port}/`,
      '::1 (loopback) for host ::1; allow it with EGRESS_ALLOW_HOSTS=::1/128',
    ],
    [
      'IPv4-mapped IPv6',
      (port: number) => `http://[::ffff:127.0.0.1]:${port}/`,
      'which carries IPv4 127.0.0.1 (loopback)',
    ],
    ['decimal IPv4', (port: number) => `http://2130706433:${port}/`, '127.0.0.1 (loopback)'],
    ['hex IPv4', (port: number) => `http://0x7f.1:${port}/`, '127.0.0.1 (loopback)'],
    ['octal IPv4', (port: number) => `http://0177.0.0.1:${port}/`, '127.0.0.1 (loopback)'],
  ])('refuses %s', async (_label, url, expected) => {
    const before = server.hits.length;
    const error = await failure(client().request(url(server.port)));
    expect(error).toMatchObject({ status: 403, code: 'egress_blocked' });
    expect(error.message).toContain(expected);
    expect(error.message).toMatch(
      /EGRESS_ALLOW_HOSTS=(127\.0\.0\.1\/32|::1\/128) or EGRESS_ALLOW_PRIVATE=true$/,
    );
    expect(server.hits.length).toBe(before);
  });

  it('refuses metadata, private, link-local, CGNAT, multicast and reserved literals at once', async () => {
    const egress = client();
    const started = Date.now();
    const urls = [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://0/',
      'http://169.254.10.10/',
      'http://[fc00::1]/',
      'http://[fe80::1]/',
      'http://[fec0::1]/',
      'http://[64:ff9b::10.0.0.1]/',
      'http://224.0.0.1/',
      'http://255.255.255.255/',
      'https://240.0.0.1/',
    ];
    const errors = await Promise.all(urls.map((url) => failure(egress.request(url))));
    expect(Date.now() - started).toBeLessThan(500);
    for (const error of errors) expect(error).toMatchObject({ status: 403, code: 'egress_blocked' });
    expect(errors[0]?.message).toBe(
      'refused 169.254.169.254 (cloud metadata) for host 169.254.169.254; allow it with EGRESS_ALLOW_HOSTS=169.254.169.254/32 (EGRESS_ALLOW_PRIVATE does not cover cloud metadata)',
    );
    expect(errors[2]?.message).toContain('refused host metadata.google.internal (cloud metadata)');
    expect(errors[3]?.message).toBe(
      'refused 10.0.0.1 (private network) for host 10.0.0.1; allow it with EGRESS_ALLOW_HOSTS=10.0.0.1/32 or EGRESS_ALLOW_PRIVATE=true',
    );
  });

  it('refuses localhost after resolving it with the system resolver', async () => {
    const egress = client({ resolver: systemResolver });
    const before = server.hits.length;
    const error = await failure(egress.request(`http://localhost:${server.port}/json`));
    expect(error).toMatchObject({ status: 403, code: 'egress_blocked' });
    expect(error.message).toMatch(/^refused (127\.0\.0\.1|::1) \(loopback\) for host localhost; /);
    expect(server.hits.length).toBe(before);
  });

  it('refuses a name that resolves to a private address, or to any private address among public ones', async () => {
    const evil = await failure(client().request('http://evil.test/'));
    expect(evil.message).toBe(
      'refused 10.0.0.1 (private network) for host evil.test; allow it with EGRESS_ALLOW_HOSTS=10.0.0.1/32 or EGRESS_ALLOW_PRIVATE=true',
    );
    const mixed = await failure(client().request('http://mixed.test/'));
    expect(mixed.message).toContain('refused 10.0.0.1 (private network) for host mixed.test');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/file', 'data:text/plain,hello', 'gopher://example.com/'])(
    'refuses %s with 400 naming the scheme',
    async (url) => {
      const error = await failure(client().request(url));
      expect(error).toMatchObject({ status: 400, code: 'egress_scheme_not_allowed' });
      expect(error.message).toContain(`scheme ${new URL(url).protocol} is not allowed`);
    },
  );

  it('refuses what is not an absolute URL, and URLs with credentials', async () => {
    expect(await failure(client().request('/relative'))).toMatchObject({
      status: 400,
      code: 'egress_invalid_url',
    });
    expect(await failure(client().request('http://user:secret@example.com/'))).toMatchObject({
      status: 400,
      code: 'egress_invalid_url',
    });
  });
});

describe('redirects', () => {
  it('follows redirects within the allowlist and records the chain', async () => {
    const first = `${server.origin}/redirect?to=${encodeURIComponent('/redirect?status=301&to=/json')}`;
    const response = await client({ allowHosts: ['127.0.0.1/32'] }).request(first);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${server.origin}/json`);
    expect(response.redirects).toEqual([first, `${server.origin}/redirect?status=301&to=/json`]);
  });

  it('checks every hop: an allowed host redirecting to loopback is refused before connecting', async () => {
    const egress = client({ allowHosts: ['public.test'] });
    for (const target of [
      `http://127.0.0.1:${other.port}/secret`,
      `http://sneaky.test:${other.port}/secret`,
    ]) {
      const error = await failure(
        egress.request(`http://public.test:${server.port}/redirect?to=${encodeURIComponent(target)}`),
      );
      expect(error).toMatchObject({ status: 403, code: 'egress_blocked' });
      expect(error.message).toMatch(
        /^refused 127\.0\.0\.1 \(loopback\) for host (127\.0\.0\.1|sneaky\.test); /,
      );
    }
    expect(other.hits).toEqual([]);
  });

  it('stops a redirect loop after maxRedirects', async () => {
    const before = server.hits.filter((path) => path === '/loop').length;
    const error = await failure(
      client({ allowHosts: ['127.0.0.1/32'], maxRedirects: 3 }).request(`${server.origin}/loop`),
    );
    expect(error).toMatchObject({ status: 502, code: 'egress_too_many_redirects' });
    expect(server.hits.filter((path) => path === '/loop').length - before).toBe(4);
  });

  it('turns POST into GET on 303 and 302, keeps it on 307, and drops the body headers', async () => {
    const egress = client({ allowHosts: ['127.0.0.1/32'] });
    const post = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'payload' };
    for (const [status, method, body] of [
      ['303', 'GET', ''],
      ['302', 'GET', ''],
      ['307', 'POST', 'payload'],
      ['308', 'POST', 'payload'],
    ] as const) {
      const response = await egress.request(`${server.origin}/redirect?status=${status}&to=/echo`, post);
      const echoed = await response.json<{ method: string; body: string; headers: Record<string, string> }>();
      expect({ status, method: echoed.method, body: echoed.body }).toEqual({ status, method, body });
      expect(echoed.headers['content-type']).toBe(method === 'GET' ? undefined : 'text/plain');
    }
  });

  it('drops credentials when a redirect changes origin, keeps them on the same origin', async () => {
    const egress = client({ allowHosts: ['127.0.0.1/32', 'other.test'] });
    const headers = { authorization: 'Bearer secret', cookie: 'session=1', 'x-kept': 'yes' };
    const crossOrigin = `http://other.test:${server.port}/echo`;
    const crossed = await egress.request(`${server.origin}/redirect?to=${encodeURIComponent(crossOrigin)}`, {
      headers,
    });
    const crossedHeaders = (await crossed.json<{ headers: Record<string, string> }>()).headers;
    expect(crossedHeaders).toMatchObject({ 'x-kept': 'yes' });
    expect(crossedHeaders.authorization).toBeUndefined();
    expect(crossedHeaders.cookie).toBeUndefined();
    const same = await egress.request(`${server.origin}/redirect?to=/echo`, { headers });
    expect((await same.json<{ headers: Record<string, string> }>()).headers.authorization).toBe(
      'Bearer secret',
    );
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const error = await failure(
      client({ allowHosts: ['127.0.0.1/32'] }).request(`${server.origin}/redirect?to=file:///etc/passwd`),
    );
    expect(error).toMatchObject({ status: 400, code: 'egress_scheme_not_allowed' });
    expect(error.message).toBe('redirect to scheme file: is not allowed; only http: and https: are');
  });
});
