import { sha256Hex } from '@astron/kit/crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';

let hub: HubUnderTest;
let owner: Browser;
let spaceId: string;
let counter = 0;
const password = 'a long enough password';

beforeAll(async () => {
  hub = await startTestHub();
  owner = await hub.signUp('owner@example.com', { name: 'Owner' });
  const created = await owner.call('POST', '/api/spaces', { name: 'Research' });
  expect(created.status).toBe(201);
  spaceId = created.body.id as string;
});

afterAll(async () => {
  await hub.stop();
});

/** A fresh address invited with `role`; returns the address and the link's token. */
async function invite(role: 'admin' | 'editor' | 'viewer' = 'editor', email = `new-${++counter}@example.com`): Promise<{ email: string; token: string }> {
  const invited = await owner.call('POST', '/api/invitations', { email, role });
  expect(invited.status).toBe(201);
  return { email, token: new URL(invited.body.acceptUrl as string).searchParams.get('token') ?? '' };
}

async function actions(): Promise<string[]> {
  const page = await owner.call('GET', '/api/audit?limit=200');
  return (page.body.items as { action: string }[]).map((item) => item.action);
}

describe('joining through an invitation without an account', () => {
  test('the preview shows what the link is for', async () => {
    const { email, token } = await invite('viewer');
    const preview = await hub.anonymous().call('GET', `/api/invitations/preview?token=${encodeURIComponent(token)}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ spaceName: 'Research', email, role: 'viewer', expiresAt: expect.any(String), accountExists: false });
    await hub.signUp(email);
    expect((await hub.anonymous().call('GET', `/api/invitations/preview?token=${encodeURIComponent(token)}`)).body.accountExists).toBe(true);
    expect((await hub.anonymous().call('GET', '/api/invitations/preview?token=nope')).body.code).toBe('not_found');
  });

  test('register creates the account, joins the space and signs in', async () => {
    const { email, token } = await invite('editor');
    const newcomer = hub.anonymous();
    const registered = await newcomer.call('POST', '/api/invitations/register', { token, name: '  Nora ', password });
    expect(registered.status).toBe(200);
    expect(registered.body.user).toMatchObject({ email, name: 'Nora', hasPassword: true, platformAdmin: false, locale: null });
    expect(registered.body.currentSpace).toMatchObject({ id: spaceId, name: 'Research', role: 'editor' });
    expect(newcomer.cookie).not.toBeNull();
    const me = await newcomer.call('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.currentSpace.id).toBe(spaceId);
    expect(me.body.spaces.map((space: { kind: string }) => space.kind).sort()).toEqual(['personal', 'team']);
    const members = (await owner.call('GET', '/api/members')).body.items as { email: string; role: string }[];
    expect(members.find((member) => member.email === email)?.role).toBe('editor');
    const stored = await hub.context.db.kysely.selectFrom('invitations').selectAll().where('token_hash', '=', sha256Hex(token)).executeTakeFirstOrThrow();
    expect(stored.accepted_at).not.toBeNull();
    expect(await actions()).toContain('member.joined');
    // The new account signs in like any other.
    expect((await hub.anonymous().call('POST', '/api/auth/login', { email, password })).status).toBe(200);

    const again = await hub.anonymous().call('POST', '/api/invitations/register', { token, name: 'Nora', password });
    expect(again.status).toBe(404);
    expect((await hub.anonymous().call('GET', `/api/invitations/preview?token=${encodeURIComponent(token)}`)).status).toBe(404);
  });

  test('an expired invitation answers 410', async () => {
    const { token } = await invite();
    await hub.context.db.kysely.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', sha256Hex(token)).execute();
    expect((await hub.anonymous().call('GET', `/api/invitations/preview?token=${encodeURIComponent(token)}`)).status).toBe(410);
    const registered = await hub.anonymous().call('POST', '/api/invitations/register', { token, name: 'Late', password });
    expect(registered.status).toBe(410);
    expect(registered.body.code).toBe('invitation_expired');
  });

  test('an existing account must sign in and accept; the invitation stays usable', async () => {
    const { email, token } = await invite();
    const existing = await hub.signUp(email);
    const registered = await hub.anonymous().call('POST', '/api/invitations/register', { token, name: 'Twin', password });
    expect(registered.status).toBe(409);
    expect(registered.body.code).toBe('account_exists');
    expect((await existing.call('POST', '/api/invitations/accept', { token })).status).toBe(200);
  });

  test('a weak password is refused and uses nothing up', async () => {
    const { token } = await invite();
    const weak = await hub.anonymous().call('POST', '/api/invitations/register', { token, name: 'Short', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak_password');
    expect((await hub.anonymous().call('GET', `/api/invitations/preview?token=${encodeURIComponent(token)}`)).status).toBe(200);
  });

  test('LOCAL_LOGIN=false turns registering off', async () => {
    const { email, token } = await invite();
    hub.context.config.localLogin = false;
    try {
      const registered = await hub.anonymous().call('POST', '/api/invitations/register', { token, name: 'Sso', password });
      expect(registered.status).toBe(403);
      expect(registered.body.code).toBe('local_login_disabled');
      expect(await hub.context.users.findByEmail(email)).toBeNull();
    } finally {
      hub.context.config.localLogin = true;
    }
  });
});
