import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { writePdf } from '@astron/docparse/testing';
import { startFakeOpenAI } from '@astron/testing/fake-openai';
import { platformPorts, runCli, startPlatform, type PlatformPorts } from '../testing/platform.js';

const dataDir = mkdtempSync(join(tmpdir(), 'astron-live-cli-'));
const env = { ASTRON_DATA_DIR: dataDir, ASTRON_MODE: '', LOG_LEVEL: 'warn' };
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});



const astron = (args: string[], extra: Record<string, string> = {}) => runCli(args, { ...env, ...extra });

async function ok(args: string[], extra: Record<string, string> = {}): Promise<string> {
  const run = await astron(args, extra);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

let running: Promise<PlatformPorts> | undefined;

/** `astron start` on this file's data directory, every service on a free port; started once, for the tests that need it. */
function platform(): Promise<PlatformPorts> {
  running ??= (async () => {
    const ports = await platformPorts();
    const started = startPlatform({ ...env, ...ports.env });
    cleanups.push(async () => void (await started.stop()));
    await started.ready;
    return ports;
  })();
  return running;
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

describe.sequential('provisioning commands against the running platform', () => {
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

    const url = (await platform()).urls.hub!;
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
  test('kb create makes a knowledge base with the space default embedding model; kb upload ingests files with progress and reports a broken one', async () => {
    const fake = await startFakeOpenAI({ apiKey: 'sk-cli-kb', models: ['fake-chat', 'fake-embed'] });
    cleanups.push(() => fake.close());
    const admin = JSON.parse(await ok(['admin', 'create', '--email', 'kb@example.test', '--password', 'a long enough password', '--json'])) as { personalSpaceId: string };
    const space = admin.personalSpaceId;
    await ok(['provider', 'add', '--space', space, '--name', 'Fake', '--base-url', fake.url, '--api-key', 'sk-cli-kb', '--embedding-model', 'fake-embed']);
    const { urls } = await platform();
    const knowledge = ['--url', urls.knowledge!];
    const created = JSON.parse(await ok(['kb', 'create', 'Handbook', '--space', space, '--description', 'store rules', '--json', ...knowledge])) as { id: string; embeddingModel: string };
    expect(created).toMatchObject({ id: expect.any(String), spaceId: space, embeddingModel: expect.stringMatching(/\/fake-embed$/) });
    const noModel = await astron(['kb', 'create', 'X', '--space', space, '--embedding-model', 'Fake/missing', ...knowledge]);
    expect(noModel.status).toBe(1);
    expect(noModel.stderr).toContain('missing');

    const pdf = join(dataDir, 'handbook.pdf');
    writeFileSync(pdf, writePdf({ title: 'Handbook', pages: [['Refunds', 'Refunds are accepted within 30 days.'], ['Shipping', 'Orders ship in 2 days.']] }));
    const notes = join(dataDir, 'notes.md');
    writeFileSync(notes, '# Notes\n\nThe Berlin warehouse opens at 8.');
    const uploaded = await astron(['kb', 'upload', created.id, pdf, notes, ...knowledge]);
    expect(uploaded.status, uploaded.stderr).toBe(0);
    expect(uploaded.stdout).toMatch(/handbook\.pdf: ready, \d+ chunks/);
    expect(uploaded.stdout).toMatch(/notes\.md: ready, \d+ chunks/);

    const brokenPdf = join(dataDir, 'broken.pdf');
    writeFileSync(brokenPdf, '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntruncated here');
    // A PDF that cannot be parsed fails its ingestion: the command says why and exits 1.
    const bad = await astron(['kb', 'upload', created.id, brokenPdf, '--json', ...knowledge]);
    expect(bad.status, bad.stdout + bad.stderr).toBe(1);
    const line = JSON.parse(bad.stdout.trim().split('\n').at(-1) ?? '') as { status: string; error: { code: string; message: string } | null };
    expect(line).toMatchObject({ status: 'failed', error: { message: expect.stringMatching(/PDF/) } });
    const unknown = await astron(['kb', 'upload', 'kb_missing', notes, ...knowledge]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('kb_missing');
  }, 240_000);
});
