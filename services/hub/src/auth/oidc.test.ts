import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type HubUnderTest } from '../test-harness.js';
import { startTestOidcProvider, type Tampering, type TestOidcProvider } from './oidc-test-provider.js';

let provider: TestOidcProvider;
let hub: HubUnderTest;
let startWhileDown: { status: number; body: any };

beforeAll(async () => {
  provider = await startTestOidcProvider();
  hub = await startTestHub({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_NAME: 'Test SSO',
  });
  // The hub listens on a port chosen at start, so its callback URLs are known only now.
  const oidc = hub.context.config.oidc!;
  oidc.redirectUrl = `${hub.url}/api/auth/oidc/callback`;
  oidc.postLogoutRedirectUrl = `${hub.url}/signin`;
  // Discovery is lazy: before attach() the provider answers nothing but 502.
  const down = await fetch(`${hub.url}/api/auth/oidc/start`, { redirect: 'manual' });
  startWhileDown = { status: down.status, body: await down.json() };
  await provider.attach(hub.url);
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await provider?.close();
});

/** A cookie jar for the provider's cookies, as a browser keeps them. */
function remember(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

/**
 * Plays the browser: /api/auth/oidc/start, then the provider's redirects and its login form (as
 * `login`), until the provider sends the browser back to the hub. Returns that callback URL, unvisited.
 */
async function throughProvider(login: string, returnTo = '/agents'): Promise<string> {
  const start = await fetch(`${hub.url}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, {
    redirect: 'manual',
  });
  expect(start.status).toBe(302);
  let url = new URL(start.headers.get('location')!);
  expect(url.origin).toBe(provider.issuer);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  for (let step = 0; step < 12; step += 1) {
    if (url.href.startsWith(`${hub.url}/api/auth/oidc/callback`)) return url.href;
    let response = await fetch(url, { redirect: 'manual', headers: { cookie: cookie() } });
    remember(jar, response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (action === undefined) throw new Error(`no form at ${url.href}: ${html.slice(0, 300)}`);
      const fields = new URLSearchParams();
      for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
        fields.set(match[1]!, match[2]!);
      if (html.includes('name="login"')) fields.set('login', login);
      if (html.includes('name="password"')) fields.set('password', 'any password');
      response = await fetch(new URL(action, url), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        body: fields,
      });
      remember(jar, response);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null)
      throw new Error(`provider answered ${response.status} at ${url.href}: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('the provider never sent the browser back to the hub');
}

/** Visits the callback as the browser: where it is sent, and the session cookie if one was set. */
async function callback(url: string): Promise<{ location: string; cookie: string | null }> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const line = response.headers.getSetCookie().find((value) => value.startsWith('astron_session='));
  return {
    location: response.headers.get('location')!,
    cookie: line === undefined ? null : line.slice('astron_session='.length).split(';')[0]!,
  };
}

async function me(cookie: string) {
  const response = await fetch(`${hub.url}/api/me`, { headers: { cookie: `astron_session=${cookie}` } });
  return { status: response.status, body: (await response.json()) as any };
}

async function count(table: 'sessions' | 'users' | 'identities'): Promise<number> {
  const row = await hub.context.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('OIDC sign-in against a real provider', () => {
  test('start answers 503 naming OIDC_ISSUER while the provider is down; GET /api/setup names the SSO', async () => {
    expect(startWhileDown.status).toBe(503);
    expect(startWhileDown.body.message).toContain('OIDC_ISSUER');
    const setup = (await (await fetch(`${hub.url}/api/setup`)).json()) as { sso: unknown };
    expect(setup.sso).toEqual({ name: 'Test SSO' });
  });

  test('first login creates the user and links the identity; the cookie works; the next login finds the same user', async () => {
    const first = await callback(await throughProvider('alice'));
    expect(first.location).toBe('/agents');
    expect(first.cookie).not.toBeNull();
    const signedIn = await me(first.cookie!);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({
      email: 'alice@example.test',
      name: 'Test alice',
      hasPassword: false,
      platformAdmin: false,
    });
    expect(signedIn.body.currentSpace).toMatchObject({ kind: 'personal', role: 'owner' });
    const identities = await hub.context.db.kysely
      .selectFrom('identities')
      .selectAll()
      .where('user_id', '=', signedIn.body.user.id)
      .execute();
    expect(identities).toMatchObject([
      { issuer: provider.issuer, subject: 'alice', email: 'alice@example.test' },
    ]);

    const users = await count('users');
    // Only paths of this site are followed afterwards: an absolute returnTo becomes "/".
    const second = await callback(await throughProvider('alice', '//evil.example/steal'));
    expect(second.location).toBe('/');
    expect((await me(second.cookie!)).body.user.id).toBe(signedIn.body.user.id);
    expect(await count('users')).toBe(users);
    const audit = await hub.context.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('actor_id', '=', signedIn.body.user.id)
      .where('action', '=', 'auth.signed_in')
      .execute();
    expect(audit).toHaveLength(2);
  });

  test('a verified email links to the existing account; an unverified one is refused', async () => {
    const bob = await hub.signUp('bob@example.test');
    const linked = await callback(await throughProvider('bob'));
    expect((await me(linked.cookie!)).body.user).toMatchObject({ id: bob.userId, hasPassword: true });

    await hub.signUp('unverified-eve@example.test');
    const sessions = await count('sessions');
    const refused = await callback(await throughProvider('unverified-eve'));
    expect(refused).toEqual({ location: '/signin?error=sso_email_unverified', cookie: null });
    expect(await count('sessions')).toBe(sessions);
  });

  test('a replayed state is refused: the second callback with the same state makes no session', async () => {
    const url = await throughProvider('carol');
    expect((await callback(url)).location).toBe('/agents');
    const sessions = await count('sessions');
    expect(await callback(url)).toEqual({ location: '/signin?error=invalid_state', cookie: null });
    expect(await count('sessions')).toBe(sessions);
    expect((await callback(`${hub.url}/api/auth/oidc/callback?code=x&state=never-issued`)).location).toBe(
      '/signin?error=invalid_state',
    );
  });

  // The precise reason each token was refused, as audited: not a failure of something else on the way.
  const reasons: Record<Tampering, RegExp> = {
    none: /^$/,
    'foreign-key': /signature verification failed/,
    'wrong-audience': /"aud" \(audience\)/,
    expired: /"exp" \(expiration time\)/,
  };

  test.each<Tampering>(['foreign-key', 'wrong-audience', 'expired'])(
    'an ID token with %s is refused: no session, no user',
    async (tampering) => {
      const login = `mallory-${tampering}`;
      const [sessions, users] = [await count('sessions'), await count('users')];
      provider.tampering = tampering;
      let outcome;
      try {
        outcome = await callback(await throughProvider(login));
      } finally {
        provider.tampering = 'none';
      }
      expect(outcome).toEqual({ location: '/signin?error=sso_failed', cookie: null });
      expect([await count('sessions'), await count('users')]).toEqual([sessions, users]);
      expect(await hub.context.users.findByEmail(`${login}@example.test`)).toBeNull();
      const failures = await hub.context.db.kysely
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'auth.sign_in_failed')
        .execute();
      expect((failures.at(-1)?.details as { reason: string }).reason).toMatch(reasons[tampering]);
    },
  );

  test('logout ends the session and gives the provider end-session URL, which the provider accepts', async () => {
    const { cookie } = await callback(await throughProvider('dave'));
    const { body } = await me(cookie!);
    const response = await fetch(`${hub.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: `astron_session=${cookie}`, 'x-csrf-token': body.csrfToken },
    });
    expect(response.status).toBe(200);
    const { redirectTo } = (await response.json()) as { redirectTo: string };
    const endSession = new URL(redirectTo);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${hub.url}/signin`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect((await me(cookie!)).status).toBe(401);
    // The provider checks id_token_hint and the registered post-logout URL before showing its logout page.
    expect((await fetch(endSession, { redirect: 'manual' })).status).toBe(200);
  });
});
