import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { claimFile, startEmbeddedPostgres } from './embedded.js';

const root = mkdtempSync(join(tmpdir(), 'astron-claim-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function select(server: { host: string; port: number }, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ host: server.host, port: server.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('one process serves an embedded data directory', () => {
  test('a second opener borrows the live server or is refused; closing releases the directory', async () => {
    const dataDir = join(root, 'shared');
    const owner = await startEmbeddedPostgres({ dataDir });
    expect(owner.borrowed).toBe(false);
    expect(existsSync(claimFile(dataDir))).toBe(true);
    await select(owner, 'create table public.marks (n int); insert into public.marks values (7)');

    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/in use by process/);
    const guest = await startEmbeddedPostgres({ dataDir, borrow: true });
    expect(guest).toMatchObject({ borrowed: true, port: owner.port });
    expect(await select(guest, 'select n from public.marks')).toEqual([{ n: 7 }]);
    await guest.close();
    expect(await select(owner, 'select count(*)::int as c from public.marks')).toEqual([{ c: 1 }]);

    await owner.close();
    expect(existsSync(claimFile(dataDir))).toBe(false);
    const reopened = await startEmbeddedPostgres({ dataDir });
    expect(await select(reopened, 'select n from public.marks')).toEqual([{ n: 7 }]);
    await reopened.close();
  }, 60_000);

  test('a claim left by a process that died is taken over', async () => {
    const dataDir = join(root, 'orphan');
    writeFileSync(claimFile(dataDir), JSON.stringify({ pid: 2 ** 22 + 12_345, host: '127.0.0.1', port: 9 }));
    const server = await startEmbeddedPostgres({ dataDir });
    expect(server.borrowed).toBe(false);
    expect(await select(server, 'select 1 as one')).toEqual([{ one: 1 }]);
    await server.close();
  }, 60_000);
});
