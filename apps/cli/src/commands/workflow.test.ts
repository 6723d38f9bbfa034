import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
const cli = join(root, 'apps/cli/dist/main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'astron-workflow-cli-'));
const env = { ASTRON_DATA_DIR: dataDir, ASTRON_MODE: '', LOG_LEVEL: 'warn' };
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function astron(args: string[], extra: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npx tsc -b\` (npm test does) before this test`);
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ...env, ...extra } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (status) => done({ status, stdout, stderr }));
  });
}

async function ok(args: string[], extra: Record<string, string> = {}): Promise<string> {
  const run = await astron(args, extra);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

/** A flow as the original astron-agent exports it: the wrapper with `data: { nodes, edges }`. */
const originalExport = {
  id: '184736',
  name: 'Greeter',
  description: 'Says hello',
  version: 'v3.0.0',
  data: {
    nodes: [
      { id: 'node-start::a1b2c3d4-0000-4000-8000-000000000001', data: { nodeMeta: { nodeType: '基础节点', aliasName: '开始' }, inputs: [], outputs: [{ id: 'o1', name: 'name', schema: { type: 'string' }, required: true }], nodeParam: {} } },
      {
        id: 'text-joiner::a1b2c3d4-0000-4000-8000-000000000002',
        data: {
          nodeMeta: { nodeType: '工具', aliasName: '拼接' },
          inputs: [{ id: 'i1', name: 'name', schema: { type: 'string', value: { type: 'ref', content: { nodeId: 'node-start::a1b2c3d4-0000-4000-8000-000000000001', name: 'name', id: 'o1' } } } }],
          outputs: [{ id: 'o2', name: 'output', schema: { type: 'string' } }],
          nodeParam: { prompt: 'Hello, {{name}}!', mode: 0 },
        },
      },
      {
        id: 'node-end::a1b2c3d4-0000-4000-8000-000000000003',
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: '结束' },
          inputs: [{ id: 'i2', name: 'greeting', schema: { type: 'string', value: { type: 'ref', content: { nodeId: 'text-joiner::a1b2c3d4-0000-4000-8000-000000000002', name: 'output', id: 'o2' } } } }],
          outputs: [],
          nodeParam: { outputMode: 0, template: '', streamOutput: false },
        },
      },
    ],
    edges: [
      { sourceNodeId: 'node-start::a1b2c3d4-0000-4000-8000-000000000001', targetNodeId: 'text-joiner::a1b2c3d4-0000-4000-8000-000000000002' },
      { sourceNodeId: 'text-joiner::a1b2c3d4-0000-4000-8000-000000000002', targetNodeId: 'node-end::a1b2c3d4-0000-4000-8000-000000000003' },
    ],
  },
};

describe('astron workflow import / export / run', () => {
  test("imports the original's export and publishes it, exports ours, and runs it through the running platform's API", async () => {
    const admin = JSON.parse(await ok(['admin', 'create', '--email', 'flows@example.test', '--password', 'a long enough password', '--json'])) as { personalSpaceId: string };
    const file = join(dataDir, 'greeter.json');
    writeFileSync(file, JSON.stringify(originalExport));
    const imported = JSON.parse(await ok(['workflow', 'import', file, '--space', admin.personalSpaceId, '--alias', 'greeter', '--publish', '--json'])) as { id: string; publishedVersion: number };
    expect(imported).toMatchObject({ id: expect.stringMatching(/^workflow_/), alias: 'greeter', name: 'Greeter', publishedVersion: 1 });
    const exported = JSON.parse(await ok(['workflow', 'export', imported.id])) as { format: string; name: string; data: { nodes: unknown[] } };
    expect(exported).toMatchObject({ format: 'astron-workflow', name: 'Greeter' });
    expect(exported.data.nodes).toHaveLength(3);
    const { key } = JSON.parse(await ok(['apikey', 'create', '--space', admin.personalSpaceId, '--name', 'cli', '--json'])) as { key: string };
    const missing = await astron(['workflow', 'import', join(dataDir, 'nope.json'), '--space', admin.personalSpaceId]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('cannot read');

    const hubPort = await freePort();
    const child = spawn(process.execPath, [cli, 'start'], {
      cwd: root,
      env: { ...process.env, ...env, CORE_TENANT_PORT: String(await freePort()), CORE_AGENT_PORT: String(await freePort()), CORE_WORKFLOW_PORT: String(await freePort()), CONSOLE_HUB_PORT: String(hubPort) },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((done) => child.once('exit', done));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    });
    const started = Date.now();
    while (!/service\(s\) ready/.test(output)) {
      if (child.exitCode !== null || Date.now() - started > 90_000) throw new Error(`astron start did not get ready:\n${output}`);
      await new Promise((done) => setTimeout(done, 50));
    }
    const url = `http://127.0.0.1:${hubPort}`;
    const blocking = JSON.parse(await ok(['workflow', 'run', 'greeter', '--input', 'name=Ada', '--url', url, '--key', key])) as unknown;
    expect(blocking).toEqual({ greeting: 'Hello, Ada!' });
    const streamed = await ok(['workflow', 'run', imported.id, '--input', 'name="Bo"', '--stream', '--url', url], { ASTRON_API_KEY: key });
    const lines = streamed.split('\n');
    expect(lines[0]).toMatch(/^run-started /);
    expect(lines.at(-1)).toBe('run-finished {"outputs":{"greeting":"Hello, Bo!"}}');
    const refused = await astron(['workflow', 'run', 'greeter', '--url', url, '--key', 'not-a-key']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('401');
  }, 240_000);
});
