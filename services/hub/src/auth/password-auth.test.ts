import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';

const password = 'correct horse battery staple';
let hub: HubUnderTest;

// Starting a tenant and a hub on PGlite takes seconds, far more on a busy machine.
beforeAll(async () => {
  hub = await startTestHub();
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

/** Signs in through POST /api/auth/login, as the console does: the browser keeps the cookie and CSRF token. */
async function login(
  email: string,
  secret = password,
): Promise<{ browser: Browser; status: number; body: any }> {
  const browser = hub.anonymous();
  const response = await browser.call('POST', '/api/auth/login', { email, password: secret });
  return { browser, status: response.status, body: response.body };
}

async function auditActions(): Promise<string[]> {
  const rows = await hub.context.db.kysely
    .selectFrom('audit_events')
    .select('action')
    .orderBy('created_at')
    .execute();
  return rows.map((row) => row.action);
}

describe('first-run setup', () => {
  test('GET reports setup needed; POST makes the platform admin, signs in; a second setup is 409', async () => {
    const anonymous = hub.anonymous();
    expect((await anonymous.call('GET', '/api/setup')).body).toEqual({
      needsSetup: true,
      localLogin: true,
      sso: null,
    });
    // LOCAL_LOGIN=false turns password sign-in off, never the setup of the first admin (config is read per request).
    hub.context.config.localLogin = false;
    expect((await anonymous.call('GET', '/api/setup')).body.localLogin).toBe(false);
    expect(
      (
        await anonymous.call('POST', '/api/setup', {
          email: 'root@example.test',
          name: 'Root',
          password: 'short',
        })
      ).body.code,
    ).toBe('weak_password');

    const created = await anonymous.call('POST', '/api/setup', {
      email: 'Root@Example.test',
      name: 'Root',
      password,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      email: 'root@example.test',
      name: 'Root',
      platformAdmin: true,
      hasPassword: true,
    });
    expect(created.body.currentSpace).toMatchObject({ kind: 'personal', role: 'owner' });
    expect(created.body.currentSpace.permissions).toContain('audit.view');
    const cookie = created.headers.getSetCookie().find((line) => line.startsWith('astron_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=604800/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await anonymous.call('GET', '/api/me')).body.user.email).toBe('root@example.test');

    const refused = await hub
      .anonymous()
      .call('POST', '/api/auth/login', { email: 'root@example.test', password });
    expect([refused.status, refused.body.code]).toEqual([403, 'local_login_disabled']);
    hub.context.config.localLogin = true;

    const again = await hub
      .anonymous()
      .call('POST', '/api/setup', { email: 'other@example.test', name: 'Other', password });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_set_up');
    expect((await hub.anonymous().call('GET', '/api/setup')).body.needsSetup).toBe(false);
  });
});

describe('password sign-in', () => {
  test('right password signs in; wrong password and unknown email are both 401 invalid_credentials', async () => {
    await hub.signUp('ann@example.test');
    const signedIn = await login('ANN@example.test');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.email).toBe('ann@example.test');
    expect((await signedIn.browser.call('GET', '/api/me')).status).toBe(200);

    const wrong = await login('ann@example.test', 'not the password');
    expect([wrong.status, wrong.body.code]).toEqual([401, 'invalid_credentials']);
    const unknown = await login('nobody@example.test');
    expect([unknown.status, unknown.body.code]).toEqual([401, 'invalid_credentials']);
    expect(await auditActions()).toEqual(expect.arrayContaining(['auth.signed_in', 'auth.sign_in_failed']));
  });

  test('five failures in a row lock the account for 15 minutes: 423 even with the right password', async () => {
    const { userId } = await hub.signUp('locked@example.test');
    for (let attempt = 1; attempt <= 4; attempt += 1)
      expect((await login('locked@example.test', 'wrong password!')).status).toBe(401);
    const fifth = await login('locked@example.test', 'wrong password!');
    expect([fifth.status, fifth.body.code]).toEqual([423, 'account_locked']);
    const lockedUntil = new Date(fifth.body.details.lockedUntil).getTime();
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const right = await login('locked@example.test');
    expect([right.status, right.body.code]).toEqual([423, 'account_locked']);
    expect(await auditActions()).toContain('auth.locked');

    // Once the lock has run out, the right password works and the count starts again.
    await hub.context.db.kysely
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', userId)
      .execute();
    expect((await login('locked@example.test')).status).toBe(200);
  });

  test('a success resets the run of failures', async () => {
    await hub.signUp('reset@example.test');
    for (let attempt = 1; attempt <= 4; attempt += 1) await login('reset@example.test', 'wrong password!');
    expect((await login('reset@example.test')).status).toBe(200);
    expect((await login('reset@example.test', 'wrong password!')).status).toBe(401);
  });
});

describe('sessions', () => {
  test('without OIDC settings the SSO start is 404 sso_not_configured', async () => {
    const response = await hub.anonymous().call('GET', '/api/auth/oidc/start?returnTo=/');
    expect([response.status, response.body.code]).toEqual([404, 'sso_not_configured']);
  });

  test('GET /api/me without a session is 401 not_signed_in', async () => {
    const response = await hub.anonymous().call('GET', '/api/me');
    expect([response.status, response.body.code]).toEqual([401, 'not_signed_in']);
  });

  test('unsafe methods need the CSRF header: 403 csrf_failed without it or with a wrong one', async () => {
    const browser = await hub.signUp('csrf@example.test');
    const token = browser.csrfToken;
    browser.csrfToken = null;
    const missing = await browser.call('PATCH', '/api/me', { name: 'New' });
    expect([missing.status, missing.body.code]).toEqual([403, 'csrf_failed']);
    browser.csrfToken = 'wrong';
    expect((await browser.call('POST', '/api/auth/logout')).body.code).toBe('csrf_failed');
    browser.csrfToken = token;
    const renamed = await browser.call('PATCH', '/api/me', { name: 'New Name', locale: 'zh' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user).toMatchObject({ name: 'New Name', locale: 'zh' });
  });

  test('logout deletes the session: the stored cookie is 401 afterwards', async () => {
    const { browser } = await login('ann@example.test');
    const stolen = browser.cookie;
    const out = await browser.call('POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ redirectTo: null });
    expect(out.headers.getSetCookie().join()).toMatch(/astron_session=;/);
    browser.cookie = stolen;
    expect((await browser.call('GET', '/api/me')).status).toBe(401);
    expect(await auditActions()).toContain('auth.signed_out');
  });

  test('a password change needs the current password and ends every other session', async () => {
    await hub.signUp('change@example.test');
    const laptop = (await login('change@example.test')).browser;
    const phone = (await login('change@example.test')).browser;
    const wrong = await laptop.call('POST', '/api/me/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new password',
    });
    expect([wrong.status, wrong.body.code]).toEqual([403, 'wrong_password']);
    const weak = await laptop.call('POST', '/api/me/password', {
      currentPassword: password,
      newPassword: 'short',
    });
    expect([weak.status, weak.body.code]).toEqual([400, 'weak_password']);

    expect(
      (
        await laptop.call('POST', '/api/me/password', {
          currentPassword: password,
          newPassword: 'a brand new password',
        })
      ).status,
    ).toBe(204);
    expect((await laptop.call('GET', '/api/me')).status).toBe(200);
    expect((await phone.call('GET', '/api/me')).status).toBe(401);
    expect((await login('change@example.test')).status).toBe(401);
    expect((await login('change@example.test', 'a brand new password')).status).toBe(200);
    expect(await auditActions()).toContain('auth.password_changed');
  });

  test('switching space: only to a space one is a member of (else 404)', async () => {
    const owner = await hub.signUp('owner@example.test');
    const stranger = await hub.signUp('stranger@example.test');
    const team = await hub.context.spaces.create({ name: 'Team A', kind: 'team', ownerId: owner.userId });

    const refused = await stranger.call('POST', '/api/me/space', { spaceId: team.id });
    expect([refused.status, refused.body.code]).toEqual([404, 'not_found']);
    expect((await stranger.call('GET', '/api/me')).body.currentSpace.id).toBe(stranger.personalSpaceId);

    const switched = await owner.call('POST', '/api/me/space', { spaceId: team.id });
    expect(switched.status).toBe(200);
    expect(switched.body.currentSpace).toMatchObject({
      id: team.id,
      name: 'Team A',
      kind: 'team',
      role: 'owner',
    });
    expect(switched.body.spaces.map((space: { kind: string }) => space.kind)).toEqual(['personal', 'team']);
    expect((await owner.call('GET', '/api/me')).body.currentSpace.id).toBe(team.id);
  });
});
