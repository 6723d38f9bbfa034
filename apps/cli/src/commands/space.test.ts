import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hubService } from '@astron/hub';
import { dropNamespace, openDatabase } from '@astron/kit/db';
import { afterAll, describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
const cli = join(root, 'apps/cli/dist/main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'astron-space-'));

/** The hub tables this test reads (the hub's own types are not part of its public API). */
interface HubTables {
  users: { id: string; email: string; name: string; password_hash: string | null; platform_admin: boolean; failed_logins: number; created_at: Date; updated_at: Date };
  spaces: { id: string; name: string; kind: string; owner_id: string };
  members: { space_id: string; user_id: string; role: string };
  audit_events: { space_id: string | null; action: string; actor_id: string | null; target_id: string | null };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function astron(args: string[], env: Record<string, string>) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx tsc -b\` (npm test does) before this test`);
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('astron space create', () => {
  test('embedded: a team space for an account made with astron admin create; --json prints one object', () => {
    const env = { ASTRON_DATA_DIR: dataDir, ASTRON_MODE: '' };
    const admin = astron(['admin', 'create', '--email', 'owner@example.test', '--password', 'a long enough password', '--json'], env);
    expect(admin.stderr).toBe('');
    const ownerId = JSON.parse(admin.stdout).id as string;

    const created = astron(['space', 'create', 'Research', '--owner', 'Owner@Example.test', '--json'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout.trim().split('\n')).toHaveLength(1);
    const space = JSON.parse(created.stdout);
    expect(space).toEqual({ id: expect.stringMatching(/^sp_[0-9a-f]+$/), name: 'Research', kind: 'team', owner: { id: ownerId, email: 'owner@example.test' } });
  }, 120_000);

  test('distributed: --config names the database; the owner is a member with role owner; errors go to stderr', async () => {
    const schema = `space_cli_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const variables = {
      ASTRON_MODE: 'distributed',
      DATABASE_URL: `postgres://${process.env.TEST_PGUSER ?? 'postgres'}@${process.env.TEST_PGHOST ?? '127.0.0.1'}:${process.env.TEST_PGPORT ?? '5432'}/${process.env.TEST_PGDATABASE ?? 'test'}?schema=${schema}`,
      REDIS_ADDR: `${process.env.TEST_REDIS_HOST ?? '127.0.0.1'}:${process.env.TEST_REDIS_PORT ?? '6379'}`,
      ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
      ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    const file = join(dataDir, 'distributed.env');
    writeFileSync(file, Object.entries(variables).map(([key, value]) => `${key}=${value}`).join('\n'));
    const config = hubService.loadConfig({ ...variables, ASTRON_DATA_DIR: dataDir });
    await hubService.migrate(config);
    const db = await openDatabase<HubTables>(config.database);
    try {
      const now = new Date();
      await db.kysely
        .insertInto('users')
        .values({ id: 'u_cli_owner', email: 'ops@example.test', name: 'Ops', password_hash: null, platform_admin: false, failed_logins: 0, created_at: now, updated_at: now })
        .execute();

      const created = astron(['space', 'create', '  Platform team ', '--owner', 'ops@example.test', '--config', file], {});
      expect(created.stderr).toBe('');
      const spaceId = created.stdout.trim();
      expect(spaceId).toMatch(/^sp_[0-9a-f]+$/);
      const space = await db.kysely.selectFrom('spaces').selectAll().where('id', '=', spaceId).executeTakeFirstOrThrow();
      expect(space).toMatchObject({ name: 'Platform team', kind: 'team', owner_id: 'u_cli_owner' });
      expect(await db.kysely.selectFrom('members').select(['user_id', 'role']).where('space_id', '=', spaceId).execute()).toEqual([{ user_id: 'u_cli_owner', role: 'owner' }]);
      const event = await db.kysely.selectFrom('audit_events').selectAll().where('space_id', '=', spaceId).executeTakeFirstOrThrow();
      expect(event).toMatchObject({ action: 'space.created', actor_id: null, target_id: spaceId });

      const unknown = astron(['space', 'create', 'Ghosts', '--owner', 'nobody@example.test', '--config', file, '--json'], {});
      expect(unknown.status).not.toBe(0);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toContain('no account has the email nobody@example.test');
      const blank = astron(['space', 'create', '   ', '--owner', 'ops@example.test', '--config', file], {});
      expect(blank.status).not.toBe(0);
      expect(blank.stderr).toContain('space name');
      expect(await db.kysely.selectFrom('spaces').select('id').where('kind', '=', 'team').execute()).toHaveLength(1);
    } finally {
      await dropNamespace(db);
      await db.close();
    }
  }, 60_000);
});
