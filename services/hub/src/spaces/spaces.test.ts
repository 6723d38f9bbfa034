import { sha256Hex } from '@astron/kit/crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeMe, type Me } from '../accounts/me.js';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';

let hub: HubUnderTest;
let counter = 0;

beforeAll(async () => {
  hub = await startTestHub();
});

afterAll(async () => {
  await hub.stop();
});

const emails = new Map<Browser, string>();

async function person(name: string): Promise<Browser> {
  const email = `${name}-${++counter}@example.com`;
  const browser = await hub.signUp(email, { name });
  emails.set(browser, email);
  return browser;
}

/** What GET /api/me would answer (read in-process, so these tests need only their own routes). */
async function me(browser: Browser): Promise<Me> {
  const session = await hub.context.sessions.find(browser.cookie ?? '');
  if (session === null) throw new Error('no session');
  return describeMe(hub.context, session);
}

async function teamOf(owner: Browser, name = 'Team'): Promise<string> {
  const created = await owner.call('POST', '/api/spaces', { name });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** Invites `who` into the owner's current space with `role` and has them accept. */
async function join(inviter: Browser, who: Browser, role: 'admin' | 'editor' | 'viewer'): Promise<void> {
  const invited = await inviter.call('POST', '/api/invitations', { email: emails.get(who), role });
  expect(invited.status).toBe(201);
  expect(invited.body.acceptUrl.startsWith(`${hub.url}/invite?token=`)).toBe(true);
  const token = new URL(invited.body.acceptUrl as string).searchParams.get('token');
  expect((await who.call('POST', '/api/invitations/accept', { token })).status).toBe(200);
}

async function actions(browser: Browser): Promise<string[]> {
  const page = await browser.call('GET', '/api/audit?limit=200');
  expect(page.status).toBe(200);
  return (page.body.items as { action: string }[]).map((item) => item.action);
}

describe('team spaces', () => {
  test('the creator owns a new team space and it becomes current', async () => {
    const ann = await person('ann');
    const created = await ann.call('POST', '/api/spaces', { name: '  Research  ' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Research', kind: 'team' });
    expect((await me(ann)).currentSpace).toMatchObject({ id: created.body.id, kind: 'team', role: 'owner' });
    expect(await actions(ann)).toEqual(['space.created']);
    expect((await ann.call('POST', '/api/spaces', { name: '' })).status).toBe(400);
    const noCsrf = await fetch(`${hub.url}/api/spaces`, {
      method: 'POST',
      headers: { cookie: `astron_session=${ann.cookie}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'forged' }),
    });
    expect(((await noCsrf.json()) as { code: string }).code).toBe('csrf_failed');
  });

  test('admins rename, editors may not', async () => {
    const [owner, admin, editor] = [await person('owner'), await person('admin'), await person('editor')];
    await teamOf(owner, 'Before');
    await join(owner, admin, 'admin');
    await join(owner, editor, 'editor');
    expect((await editor.call('PATCH', '/api/space', { name: 'Nope' })).body).toMatchObject({ code: 'permission_denied', details: { permission: 'space.update', role: 'editor' } });
    const renamed = await admin.call('PATCH', '/api/space', { name: 'After' });
    expect(renamed.body).toMatchObject({ name: 'After', kind: 'team' });
    const events = (await owner.call('GET', '/api/audit?action=space.updated')).body.items;
    expect(events).toHaveLength(1);
    expect(events[0].details).toEqual({ name: { from: 'Before', to: 'After' } });
  });
});

describe('roles', () => {
  test('a viewer sees members but cannot invite or change roles', async () => {
    const [owner, viewer] = [await person('owner'), await person('viewer')];
    await teamOf(owner);
    await join(owner, viewer, 'viewer');
    const members = await viewer.call('GET', '/api/members');
    expect(members.body.items.map((member: { role: string }) => member.role)).toEqual(['owner', 'viewer']);
    expect((await viewer.call('POST', '/api/invitations', { email: 'x@example.com', role: 'viewer' })).body.code).toBe('permission_denied');
    expect((await viewer.call('GET', '/api/invitations')).status).toBe(403);
    expect((await viewer.call('PATCH', `/api/members/${viewer.userId}`, { role: 'admin' })).status).toBe(403);
    expect((await viewer.call('DELETE', `/api/members/${owner.userId}`)).status).toBe(403);
    expect((await viewer.call('GET', '/api/audit')).status).toBe(403);
  });

  test('an admin hands out roles up to admin and cannot touch an owner', async () => {
    const [owner, admin, editor] = [await person('owner'), await person('admin'), await person('editor')];
    await teamOf(owner);
    await join(owner, admin, 'admin');
    await join(owner, editor, 'editor');
    expect((await admin.call('PATCH', `/api/members/${editor.userId}`, { role: 'owner' })).body.code).toBe('permission_denied');
    expect((await admin.call('PATCH', `/api/members/${owner.userId}`, { role: 'viewer' })).body.code).toBe('permission_denied');
    expect((await admin.call('DELETE', `/api/members/${owner.userId}`)).body.code).toBe('permission_denied');
    expect((await admin.call('POST', '/api/invitations', { email: 'o@example.com', role: 'owner' })).status).toBe(400);
    expect((await admin.call('POST', '/api/invitations', { email: 'a@example.com', role: 'admin' })).status).toBe(201);
    const changed = await admin.call('PATCH', `/api/members/${editor.userId}`, { role: 'viewer' });
    expect(changed.body).toMatchObject({ userId: editor.userId, role: 'viewer' });
    expect((await admin.call('PATCH', '/api/members/u_nobody', { role: 'viewer' })).status).toBe(404);
    const event = (await owner.call('GET', '/api/audit?action=member.role_changed')).body.items[0];
    expect(event).toMatchObject({ actor: { id: admin.userId }, target: { type: 'user', id: editor.userId }, details: { from: 'editor', to: 'viewer' } });
  });

  test('the last owner can be neither demoted nor removed, a second owner makes it possible', async () => {
    const [owner, admin] = [await person('owner'), await person('admin')];
    await teamOf(owner);
    await join(owner, admin, 'admin');
    expect((await owner.call('PATCH', `/api/members/${owner.userId}`, { role: 'admin' })).body.code).toBe('last_owner');
    expect((await owner.call('DELETE', `/api/members/${owner.userId}`)).status).toBe(409);
    expect((await owner.call('PATCH', `/api/members/${admin.userId}`, { role: 'owner' })).status).toBe(200);
    expect((await owner.call('PATCH', `/api/members/${owner.userId}`, { role: 'editor' })).body.role).toBe('editor');
    expect((await admin.call('DELETE', `/api/members/${admin.userId}`)).body.code).toBe('last_owner');
  });

  test('a member leaves; their session falls back to their personal space', async () => {
    const [owner, editor] = [await person('owner'), await person('editor')];
    const spaceId = await teamOf(owner);
    await join(owner, editor, 'editor');
    expect((await editor.call('DELETE', `/api/members/${owner.userId}`)).status).toBe(403);
    expect((await editor.call('DELETE', `/api/members/${editor.userId}`)).status).toBe(204);
    expect((await editor.call('GET', '/api/members')).body.items).toHaveLength(1);
    const after = await me(editor);
    expect(after.currentSpace.id).toBe(editor.personalSpaceId);
    expect(after.spaces.map((space) => space.id)).not.toContain(spaceId);
    const removed = (await owner.call('GET', '/api/audit?action=member.removed')).body.items[0];
    expect(removed).toMatchObject({ actor: { id: editor.userId }, details: { left: true, role: 'editor' } });
  });

  test('nobody leaves or deletes their personal space', async () => {
    const loner = await person('loner');
    expect((await loner.call('DELETE', `/api/members/${loner.userId}`)).body.code).toBe('last_owner');
    expect((await loner.call('DELETE', '/api/space')).body.code).toBe('personal_space');
    expect((await loner.call('POST', '/api/invitations', { email: 'x@example.com', role: 'editor' })).body.code).toBe('personal_space');
  });
});

describe('deleting a team space', () => {
  test('removes members, invitations, providers, API keys and the tenant app; members fall back', async () => {
    const [owner, admin] = [await person('owner'), await person('admin')];
    const spaceId = await teamOf(owner, 'Doomed');
    await join(owner, admin, 'admin');
    await owner.call('POST', '/api/invitations', { email: 'later@example.com', role: 'viewer' });
    const app = await hub.context.tenant.call<{ id: string }>('POST', '/apps', { body: { name: 'keys of Doomed' }, on: { space: spaceId } });
    const now = new Date();
    const k = hub.context.db.kysely;
    await k.updateTable('spaces').set({ tenant_app_id: app.id }).where('id', '=', spaceId).execute();
    await k
      .insertInto('providers')
      .values({ id: `pr_${spaceId}`, space_id: spaceId, name: 'p', base_url: 'http://127.0.0.1:1/v1', api_key_sealed: null, headers_sealed: null, models: '[]', last_test_at: null, last_test_ok: null, last_test_message: null, created_at: now, updated_at: now })
      .execute();
    await k
      .insertInto('api_keys')
      .values({ id: `ak_${spaceId}`, space_id: spaceId, name: 'k', tenant_app_id: app.id, api_key: `key_${spaceId}`, prefix: 'key', created_by: owner.userId, created_at: now, revoked_at: null })
      .execute();

    expect((await admin.call('DELETE', '/api/space')).body).toMatchObject({ code: 'permission_denied', details: { permission: 'space.delete' } });
    expect((await owner.call('DELETE', '/api/space')).status).toBe(204);

    for (const table of ['members', 'invitations', 'providers', 'api_keys'] as const) {
      expect(await k.selectFrom(table).select('space_id').where('space_id', '=', spaceId).execute()).toEqual([]);
    }
    expect(await hub.context.spaces.find(spaceId)).toBeNull();
    await expect(hub.context.tenant.call('GET', `/apps/${app.id}`, { on: { space: spaceId } })).rejects.toMatchObject({ status: 404 });
    for (const browser of [owner, admin]) {
      expect((await browser.call('GET', '/api/members')).status).toBe(200);
      expect((await me(browser)).currentSpace.id).toBe(browser.personalSpaceId);
    }
    const trail = await k.selectFrom('audit_events').select('action').where('space_id', '=', spaceId).where('action', '=', 'space.deleted').execute();
    expect(trail).toHaveLength(1);
  });
});

describe('audit log', () => {
  test('pages newest first by cursor, filters by action, lists only the current space', async () => {
    const owner = await person('owner');
    await teamOf(owner, 'Audited');
    for (const name of ['one', 'two', 'three']) await owner.call('PATCH', '/api/space', { name });
    const first = await owner.call('GET', '/api/audit?limit=2');
    expect(first.body.items.map((item: { action: string }) => item.action)).toEqual(['space.updated', 'space.updated']);
    expect(first.body.items[0].details.name.to).toBe('three');
    expect(first.body.items[0]).toMatchObject({ actor: { id: owner.userId }, target: { type: 'space' }, ip: expect.any(String) });
    const second = await owner.call('GET', `/api/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item: { action: string }) => item.action)).toEqual(['space.updated', 'space.created']);
    expect(second.body.nextCursor).toBeNull();
    expect((await owner.call('GET', '/api/audit?action=space.created')).body.items).toHaveLength(1);
    expect((await owner.call('GET', '/api/audit?cursor=garbage')).body.code).toBe('invalid_cursor');

    const session = await hub.context.sessions.find(owner.cookie ?? '');
    await hub.context.sessions.setCurrentSpace(session?.id ?? '', owner.personalSpaceId);
    expect(await actions(owner)).toEqual([]);
  });
});

const PUBLIC_URL = 'https://console.example.com';

function uniqueEmail(name: string): string {
  return `${name}-${++counter}@example.com`;
}

async function invite(owner: Browser, email: string, role: 'admin' | 'editor' | 'viewer' = 'editor') {
  const invited = await owner.call('POST', '/api/invitations', { email, role });
  expect(invited.status).toBe(201);
  const token = new URL(invited.body.acceptUrl as string).searchParams.get('token') ?? '';
  return { id: invited.body.id as string, token, body: invited.body };
}

describe('invitations', () => {
  let owner: Browser;
  let ownerEmail: string;

  beforeAll(async () => {
    // acceptUrl is built from PUBLIC_URL when set (the join() helper above checks the request-origin case).
    hub.context.config.service.publicUrl = PUBLIC_URL;
    owner = await person('owner');
    ownerEmail = emails.get(owner) ?? '';
    await teamOf(owner, 'Guild');
  });

  afterAll(() => {
    hub.context.config.service.publicUrl = undefined;
  });

  test('invite, list, accept in a second browser; the token works once', async () => {
    const email = uniqueEmail('bob');
    const { id, token, body } = await invite(owner, email.toUpperCase());
    expect(body).toMatchObject({ email, role: 'editor', acceptUrl: `${PUBLIC_URL}/invite?token=${token}` });
    expect(new Date(body.expiresAt as string).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3_600_000);

    const listed = await owner.call('GET', '/api/invitations');
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id, email, role: 'editor', invitedBy: { id: owner.userId, email: ownerEmail, name: 'owner' } }),
    );
    expect(listed.text).not.toContain(token);
    const row = await hub.context.db.kysely.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const bob = await hub.signUp(email);
    const accepted = await bob.call('POST', '/api/invitations/accept', { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.currentSpace).toMatchObject({ name: 'Guild', kind: 'team', role: 'editor' });
    expect(accepted.body.spaces).toHaveLength(2);
    expect((await bob.call('GET', '/api/members')).body.items.map((member: { email: string }) => member.email)).toEqual([ownerEmail, email]);
    expect((await owner.call('GET', '/api/invitations')).body.items.map((item: { id: string }) => item.id)).not.toContain(id);

    expect((await bob.call('POST', '/api/invitations/accept', { token })).body.code).toBe('invitation_expired');
    const trail = (await owner.call('GET', '/api/audit?limit=10')).body.items.filter((item: { target: { id: string } | null }) =>
      [id, bob.userId].includes(item.target?.id ?? ''),
    );
    expect(trail.map((item: { action: string }) => item.action)).toEqual(['member.joined', 'member.invited']);
    expect(trail[0]).toMatchObject({ actor: { id: bob.userId, email }, details: { role: 'editor', invitationId: id } });
  });

  test('only the invited address may accept; the invitation survives a wrong taker', async () => {
    const email = uniqueEmail('carol');
    const { token } = await invite(owner, email, 'viewer');
    const mallory = await hub.signUp(uniqueEmail('mallory'));
    const refused = await mallory.call('POST', '/api/invitations/accept', { token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('invitation_email_mismatch');
    expect((await owner.call('GET', '/api/members')).body.items.map((member: { userId: string }) => member.userId)).not.toContain(mallory.userId);
    const carol = await hub.signUp(email);
    expect((await carol.call('POST', '/api/invitations/accept', { token })).body.currentSpace.role).toBe('viewer');
  });

  test('an expired invitation is refused with 410', async () => {
    const email = uniqueEmail('dave');
    const { id, token } = await invite(owner, email);
    await hub.context.db.kysely.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    const dave = await hub.signUp(email);
    const refused = await dave.call('POST', '/api/invitations/accept', { token });
    expect(refused.status).toBe(410);
    expect(refused.body.code).toBe('invitation_expired');
  });

  test('revoked, unknown, anonymous, already a member', async () => {
    const email = uniqueEmail('erin');
    const { id, token } = await invite(owner, email);
    expect((await owner.call('DELETE', `/api/invitations/${id}`)).status).toBe(204);
    expect((await owner.call('DELETE', `/api/invitations/${id}`)).status).toBe(404);
    const revoked = (await owner.call('GET', '/api/audit?action=invitation.revoked')).body.items[0];
    expect(revoked).toMatchObject({ target: { type: 'invitation', id }, details: { email } });
    const erin = await hub.signUp(email);
    expect((await erin.call('POST', '/api/invitations/accept', { token })).status).toBe(404);
    expect((await hub.anonymous().call('POST', '/api/invitations/accept', { token: 'x' })).status).toBe(401);

    const again = await owner.call('POST', '/api/invitations', { email: ownerEmail, role: 'viewer' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_member');
  });

  test('a new invitation to the same address replaces the pending one', async () => {
    const email = uniqueEmail('fay');
    const first = await invite(owner, email, 'viewer');
    const second = await invite(owner, email, 'admin');
    const pending = (await owner.call('GET', '/api/invitations')).body.items.filter((item: { email: string }) => item.email === email);
    expect(pending.map((item: { id: string }) => item.id)).toEqual([second.id]);
    const fay = await hub.signUp(email);
    expect((await fay.call('POST', '/api/invitations/accept', { token: first.token })).status).toBe(404);
    expect((await fay.call('POST', '/api/invitations/accept', { token: second.token })).body.currentSpace.role).toBe('admin');
  });
});
