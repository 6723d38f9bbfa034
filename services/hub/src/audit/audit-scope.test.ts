import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestHub, type HubUnderTest } from '../test-harness.js';

let hub: HubUnderTest;
beforeAll(async () => {
  hub = await startTestHub();
}, 180_000);
afterAll(async () => {
  await hub?.stop();
});

test('sign-ins are listed: your own under scope=mine, unknown emails under scope=platform for admins', async () => {
  const admin = await hub.signUp('admin@example.com', { platformAdmin: true });
  await hub.signUp('member@example.com', { password: 'the member password' });
  const member = hub.anonymous();
  expect((await member.call('POST', '/api/auth/login', { email: 'member@example.com', password: 'wrong password!' })).status).toBe(401);
  expect((await member.call('POST', '/api/auth/login', { email: 'member@example.com', password: 'the member password' })).status).toBe(200);
  expect((await member.call('POST', '/api/auth/login', { email: 'nobody@example.com', password: 'whatever123' })).status).toBe(401);

  const mine = await member.call('GET', '/api/audit?scope=mine');
  expect(mine.status).toBe(200);
  expect(mine.body.items.map((event: { action: string }) => event.action)).toEqual(['auth.signed_in', 'auth.sign_in_failed']);
  expect(mine.body.items.every((event: { actor: { email: string } }) => event.actor.email === 'member@example.com')).toBe(true);

  // The member's own space trail holds no sign-ins, and the platform view is for admins only.
  expect((await member.call('GET', '/api/audit')).body.items.map((event: { action: string }) => event.action)).not.toContain('auth.signed_in');
  expect((await member.call('GET', '/api/audit?scope=platform')).status).toBe(403);
  const platform = await admin.call('GET', '/api/audit?scope=platform&action=auth.sign_in_failed');
  expect(platform.body.items.some((event: { details: { email?: string } }) => event.details.email === 'nobody@example.com')).toBe(true);
});
