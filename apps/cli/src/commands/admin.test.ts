import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hubService } from '@astron/hub';
import { dropNamespace, openDatabase, type Database } from '@astron/kit/db';
import { afterAll, describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
const cli = join(root, 'apps/cli/dist/main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'astron-admin-'));
const password = 'a long enough password';

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function astron(args: string[], env: Record<string, string>) {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: run \`npx tsc -b\` (npm test does) before this test`);
  return spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Reads the hub's users the way the hub would, from the database the command wrote to. */
async function usersOf(
  db: Database,
): Promise<{ email: string; name: string; platform_admin: unknown; password_hash: string | null }[]> {
  return db.kysely.selectFrom('users').select(['email', 'name', 'platform_admin', 'password_hash']).execute();
}

describe('astron admin create', () => {
  // Each embedded run opens the data directory's PGlite (seconds each): few runs, the database checks are in the distributed test.
  test('embedded: creates a platform admin in the data directory; a taken email or a weak password fails on stderr', async () => {
    const env = { ASTRON_DATA_DIR: dataDir, ASTRON_MODE: '' };
    const created = astron(
      ['admin', 'create', '--email', 'Admin@Example.test', '--password', password, '--name', 'The Admin'],
      env,
    );
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout.trim()).toMatch(/^u_[0-9a-f]+$/);

    const taken = astron(['admin', 'create', '--email', 'admin@example.test', '--password', password], env);
    expect(taken.status).not.toBe(0);
    expect(taken.stderr).toContain('an account with the email admin@example.test already exists');
    expect(taken.stdout).toBe('');

    const weak = astron(['admin', 'create', '--email', 'weak@example.test', '--password', 'short'], env);
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toContain('at least 10 characters');
    const notAnEmail = astron(['admin', 'create', '--email', 'not-an-email', '--password', password], env);
    expect([notAnEmail.status, notAnEmail.stderr.trim()]).toEqual([
      1,
      '"not-an-email" is not an email address',
    ]);
  }, 180_000);

  test('distributed: --config names the PostgreSQL database; migrations are applied first', async () => {
    const schema = `admin_cli_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const host = process.env.TEST_PGHOST ?? '127.0.0.1';
    const port = process.env.TEST_PGPORT ?? '5432';
    const user = process.env.TEST_PGUSER ?? 'postgres';
    const file = join(dataDir, 'distributed.env');
    const variables = {
      ASTRON_MODE: 'distributed',
      DATABASE_URL: `postgres://${user}@${host}:${port}/${process.env.TEST_PGDATABASE ?? 'test'}?schema=${schema}`,
      REDIS_ADDR: `${process.env.TEST_REDIS_HOST ?? '127.0.0.1'}:${process.env.TEST_REDIS_PORT ?? '6379'}`,
      ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
      ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    writeFileSync(
      file,
      Object.entries(variables)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n'),
    );
    const db = await openDatabase(hubService.loadConfig({ ...variables, ASTRON_DATA_DIR: dataDir }).database);
    try {
      const created = astron(
        [
          'admin',
          'create',
          '--config',
          file,
          '--email',
          'ops@example.test',
          '--password',
          password,
          '--json',
        ],
        { ASTRON_DATA_DIR: dataDir },
      );
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const admin = JSON.parse(created.stdout);
      expect(admin).toMatchObject({ email: 'ops@example.test', name: 'ops', platformAdmin: true });
      expect(admin.id).toMatch(/^u_/);
      expect(admin.personalSpaceId).toMatch(/^sp_/);
      const users = await usersOf(db);
      expect(users.map((row) => [row.email, row.name, Boolean(row.platform_admin)])).toEqual([
        ['ops@example.test', 'ops', true],
      ]);
      expect(users[0]?.password_hash).toMatch(/^\$argon2id\$/);
    } finally {
      await dropNamespace(db);
      await db.close();
    }
  }, 60_000);
});
