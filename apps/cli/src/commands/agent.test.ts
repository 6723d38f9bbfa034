import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../testing/platform.js';

const dataDir = mkdtempSync(join(tmpdir(), 'astron-agent-cli-'));
const env = { ASTRON_DATA_DIR: dataDir, ASTRON_MODE: '', LOG_LEVEL: 'warn' };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));


/** Each spawn starts the embedded database (seconds): the test keeps their number small. */
const astron = (args: string[]) => runCli(args, env);

async function ok(args: string[]): Promise<string> {
  const run = await astron(args);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

describe('astron agent create / export / import on the embedded data directory', () => {
  test('create + publish by provider name, export, import into another space; errors exit non-zero', async () => {
    const admin = JSON.parse(await ok(['admin', 'create', '--email', 'agents@example.test', '--password', 'a long enough password', '--json'])) as { personalSpaceId: string };
    const home = admin.personalSpaceId;
    const other = await ok(['space', 'create', 'Other team', '--owner', 'agents@example.test']);
    const provider = JSON.parse(await ok(['provider', 'add', '--space', home, '--name', 'Local', '--base-url', 'http://127.0.0.1:9/v1', '--chat-model', 'fake-chat', '--json'])) as { id: string };

    const args = ['agent', 'create', '--space', home, '--name', 'Helper', '--model', 'Local/fake-chat', '--instructions', 'Be brief.'];
    const created = JSON.parse(await ok([...args, '--tool', 'calculator', '--tool', 'current_time', '--publish', '--json']));
    expect(created).toMatchObject({ spaceId: home, name: 'Helper', model: `${provider.id}/fake-chat`, tools: ['calculator', 'current_time'], publishedVersion: 1 });

    const exported = JSON.parse(await ok(['agent', 'export', created.id as string]));
    expect(exported).toMatchObject({ format: 'astron-agent', formatVersion: 1, agent: { name: 'Helper', instructions: 'Be brief.', model: `${provider.id}/fake-chat` } });
    const file = join(dataDir, 'helper.json');
    writeFileSync(file, JSON.stringify(exported));

    // The other space lacks the provider: the agent comes without a model, with a warning on stderr.
    const imported = await astron(['agent', 'import', file, '--space', 'Other team', '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ spaceId: other, name: 'Helper', model: null, publishedVersion: null });
    expect(imported.stderr).toContain('names no model provider of this space');

    // --publish into a space without the provider is refused before anything is created.
    const refused = await astron(['agent', 'import', file, '--space', 'Other team', '--publish']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('nothing was imported');
    const listed = JSON.parse(await ok(['agent', 'list', '--space', 'Other team', '--json'])) as { id: string }[];
    expect(listed.map((item) => item.id)).toEqual([JSON.parse(imported.stdout).id]);

    const aliased = JSON.parse(await ok([...args, '--alias', 'helper-bot', '--json']));
    expect(aliased).toMatchObject({ alias: 'helper-bot' });
    const taken = await astron([...args, '--alias', 'helper-bot']);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('already has the alias helper-bot');
    const badAlias = await astron([...args, '--alias', 'Agent_X']);
    expect(badAlias.stderr).toContain('--alias:');

    const unknown = await astron(['agent', 'create', '--space', home, '--name', 'X', '--model', 'Nobody/fake-chat']);
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('no model provider with the id or name "Nobody"');
  }, 180_000);
});
