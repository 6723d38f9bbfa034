import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { askingFlow, greetingFlow, node } from './test-flows.js';

let hub: HubUnderTest;
let alice: Browser;
let bob: Browser;
let providerId: string;

/** The original astron-agent's sample exports, shared with packages/dsl's tests. */
const fixture = (name: string) => readFileSync(new URL(`../../../../packages/dsl/src/fixtures/${name}`, import.meta.url), 'utf8');

async function newWorkflow(owner: Browser, fields: Record<string, unknown>): Promise<any> {
  const created = await owner.call('POST', '/api/workflows', fields);
  expect(created.status, created.text).toBe(201);
  return created.body;
}

const codes = (problems: { code: string }[]) => problems.map((problem) => problem.code).sort();
const promptOf = (draft: any) => draft.nodes.find((item: any) => item.id.startsWith('text-joiner::')).data.nodeParam.prompt;
const nodeOf = (draft: any, type: string) => draft.nodes.find((item: any) => item.id.startsWith(`${type}::`));

beforeAll(async () => {
  hub = await startTestHub();
  alice = await hub.signUp('alice@example.com');
  bob = await hub.signUp('bob@example.com');
  const models = [
    { id: '4.0Ultra', kind: 'chat' },
    { id: 'xdeepseekv3', kind: 'chat' },
  ];
  const provider = await alice.call('POST', '/api/providers', { name: 'spark', baseUrl: 'http://127.0.0.1:9/v1', models });
  expect(provider.status, provider.text).toBe(201);
  providerId = provider.body.id;
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

describe('workflow definitions', () => {
  test('a new workflow starts as a valid start → end draft; drafts with problems save, and every read carries them', async () => {
    const fresh = await newWorkflow(alice, { name: 'Starter' });
    expect(fresh).toMatchObject({ name: 'Starter', description: '', alias: null, problems: [], publishedVersion: null, publishedAt: null });
    expect(fresh.id).toMatch(/^workflow_[0-9a-f]+$/);
    expect(fresh.draft.nodes.map((item: any) => item.id.split('::')[0])).toEqual(['node-start', 'node-end']);

    const empty = await newWorkflow(alice, { name: 'Empty', draft: { nodes: [], edges: [] } });
    expect(codes(empty.problems)).toEqual(['missing-end', 'missing-start']);
    expect(empty.problems[0]).toMatchObject({ severity: 'error', message: expect.any(String) });
    expect((await alice.call('GET', `/api/workflows/${empty.id}`)).body.problems).toEqual(empty.problems);
    const listed = (await alice.call('GET', '/api/workflows')).body.items;
    expect(listed.map((item: any) => item.id)).toEqual([empty.id, fresh.id]);
    expect(listed[0]).not.toHaveProperty('draft');
    expect(codes(listed[0].problems)).toEqual(['missing-end', 'missing-start']);

    for (const draft of [{ nodes: 'x', edges: [] }, { nodes: [] }, { nodes: [1], edges: [] }]) {
      const refused = await alice.call('POST', '/api/workflows', { name: 'Bad', draft });
      expect(refused.status, JSON.stringify(draft)).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
    }
    expect((await alice.call('POST', '/api/workflows', { name: ' ' })).status).toBe(400);
  });

  test('edit, validate, publish refused then accepted, versions, roll back, delete; audited; the canvas keeps its extras', async () => {
    const workflow = await newWorkflow(alice, { name: 'Greeter', description: 'Says hello' });
    const broken = greetingFlow('Hello v1, {{name}}!');
    broken.nodes.pop();
    broken.edges.pop();
    const saved = await alice.call('PATCH', `/api/workflows/${workflow.id}`, { draft: broken });
    expect(saved.status, saved.text).toBe(200);
    expect(codes(saved.body.problems)).toEqual(['missing-end']);
    expect((await alice.call('POST', `/api/workflows/${workflow.id}/validate`)).body).toEqual({ problems: saved.body.problems });

    const refused = await alice.call('POST', `/api/workflows/${workflow.id}/publish`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'workflow_invalid', details: [{ severity: 'error', code: 'missing-end' }] });
    expect(refused.body.message).toContain('node-end');

    // A warning does not stop a publish: an unreachable node is only reported.
    const draft = { ...greetingFlow('Hello v1, {{name}}!'), viewport: { x: 12, y: -4, zoom: 0.75 } };
    const stray = node('text-joiner', { outputs: ['output'], param: { prompt: 'never runs' } });
    (draft.nodes[0] as any).position = { x: 10, y: 20 };
    (draft.nodes[0] as any).selected = true;
    const edited = await alice.call('PATCH', `/api/workflows/${workflow.id}`, { draft: { ...draft, nodes: [...draft.nodes, stray] } });
    expect(edited.body.problems.map((problem: any) => [problem.severity, problem.code])).toEqual([['warning', 'unreachable']]);
    expect(edited.body.draft).toMatchObject({ viewport: { x: 12, y: -4, zoom: 0.75 } });
    expect(edited.body.draft.nodes[0]).toMatchObject({ position: { x: 10, y: 20 }, selected: true });
    expect((await alice.call('POST', `/api/workflows/${workflow.id}/publish`)).body.version).toBe(1);

    const renamed = await alice.call('PATCH', `/api/workflows/${workflow.id}`, { name: 'Greeter v2', draft: greetingFlow('Hello v2, {{name}}!') });
    expect(renamed.body).toMatchObject({ name: 'Greeter v2', description: 'Says hello', problems: [], publishedVersion: 1 });
    expect((await alice.call('POST', `/api/workflows/${workflow.id}/publish`)).body.version).toBe(2);
    const versions = await alice.call('GET', `/api/workflows/${workflow.id}/versions`);
    expect(versions.body.items.map((item: any) => [item.version, item.snapshot.name, promptOf(item.snapshot.draft), item.publishedBy])).toEqual([
      [2, 'Greeter v2', 'Hello v2, {{name}}!', alice.userId],
      [1, 'Greeter', 'Hello v1, {{name}}!', alice.userId],
    ]);

    const rolledBack = await alice.call('POST', `/api/workflows/${workflow.id}/rollback`, { version: 1 });
    expect(rolledBack.body).toMatchObject({ name: 'Greeter', publishedVersion: 2, draft: { viewport: { x: 12, y: -4, zoom: 0.75 } } });
    expect(promptOf(rolledBack.body.draft)).toBe('Hello v1, {{name}}!');
    expect((await alice.call('POST', `/api/workflows/${workflow.id}/rollback`, { version: 9 })).status).toBe(404);

    expect((await bob.call('GET', `/api/workflows/${workflow.id}`)).status).toBe(404);
    expect((await alice.call('DELETE', `/api/workflows/${workflow.id}`)).status).toBe(204);
    expect((await alice.call('GET', `/api/workflows/${workflow.id}`)).status).toBe(404);
    expect((await alice.call('GET', `/api/workflows/${workflow.id}/versions`)).status).toBe(404);
    const versionRows = await hub.context.db.kysely.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', workflow.id).execute();
    expect(versionRows).toEqual([]);

    const events = await hub.context.db.kysely.selectFrom('audit_events').select(['action', 'details']).where('target_type', '=', 'workflow').where('target_id', '=', workflow.id).execute();
    expect(events.map((event) => event.action).sort()).toEqual([
      'workflow.created',
      'workflow.deleted',
      'workflow.published',
      'workflow.published',
      'workflow.updated',
      'workflow.updated',
      'workflow.updated',
      'workflow.updated',
    ]);
    const audit = await alice.call('GET', '/api/audit?action=workflow.updated&limit=1');
    expect(audit.body.items[0]).toMatchObject({ target: { type: 'workflow', id: workflow.id }, details: { rolledBackTo: 1 } });
  });

  test('an alias is unique per space, checked, and not versioned', async () => {
    const first = await newWorkflow(alice, { name: 'First', alias: 'support-flow' });
    expect(first.alias).toBe('support-flow');
    const taken = await alice.call('POST', '/api/workflows', { name: 'Copycat', alias: 'support-flow' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'alias_taken', details: [{ field: 'alias' }] });
    const second = await newWorkflow(alice, { name: 'Second' });
    const clash = await alice.call('PATCH', `/api/workflows/${second.id}`, { alias: 'support-flow', name: 'Renamed too' });
    expect(clash.body.code).toBe('alias_taken');
    expect((await alice.call('GET', `/api/workflows/${second.id}`)).body.name).toBe('Second');
    for (const bad of ['Support', 'workflow_x', '-x', 'a b', 'x'.repeat(65)]) {
      const refused = await alice.call('PATCH', `/api/workflows/${second.id}`, { alias: bad });
      expect(refused.status, bad).toBe(400);
      expect(JSON.stringify(refused.body.details)).toContain('alias');
    }
    // The same alias in another space is that space's own.
    expect((await newWorkflow(bob, { name: 'Bob flow', alias: 'support-flow' })).alias).toBe('support-flow');
    // Setting the same alias again changes nothing; clearing it frees it.
    expect((await alice.call('PATCH', `/api/workflows/${first.id}`, { alias: 'support-flow' })).status).toBe(200);
    expect((await alice.call('PATCH', `/api/workflows/${first.id}`, { alias: null })).body.alias).toBeNull();
    expect((await alice.call('PATCH', `/api/workflows/${second.id}`, { alias: 'support-flow' })).body.alias).toBe('support-flow');
  });
});

describe('import and export', () => {
  test('our export round trip: the same draft, as an object or as text; another space loses the models it lacks', async () => {
    const draft = { ...askingFlow(), viewport: { x: 1, y: 2, zoom: 1 } };
    nodeOf(draft, 'question-answer').data.nodeParam.model = `${providerId}/4.0Ultra`;
    const original = await newWorkflow(alice, { name: 'Ask me: a name?', description: 'Asks for a name', draft });
    expect(original.problems).toEqual([]);

    const exported = await alice.call('GET', `/api/workflows/${original.id}/export`);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="Ask-me-a-name-.workflow.json"');
    expect(exported.body).toEqual({ format: 'astron-workflow', formatVersion: 1, name: 'Ask me: a name?', description: 'Asks for a name', data: original.draft });

    for (const file of [exported.body, exported.text]) {
      const copy = await alice.call('POST', '/api/workflows/import', { file });
      expect(copy.status, copy.text).toBe(201);
      expect(copy.body).toMatchObject({ workflow: { name: 'Ask me: a name?', description: 'Asks for a name', publishedVersion: null, problems: [] }, warnings: [] });
      expect(copy.body.workflow.draft).toEqual(original.draft);
      expect(copy.body.workflow.id).not.toBe(original.id);
    }

    const elsewhere = await bob.call('POST', '/api/workflows/import', { file: exported.text, alias: 'asker' });
    expect(elsewhere.status, elsewhere.text).toBe(201);
    expect(elsewhere.body.workflow.alias).toBe('asker');
    const question = nodeOf(elsewhere.body.workflow.draft, 'question-answer');
    expect(question.data.nodeParam.model).toBe('');
    expect(elsewhere.body.warnings).toEqual([{ code: 'model-not-mapped', nodeId: question.id, message: expect.stringContaining('names no model provider of this space') }]);

    const audit = await alice.call('GET', '/api/audit?action=workflow.created&limit=1');
    expect(audit.body.items[0].details).toMatchObject({ imported: 'astron-workflow' });
  });

  test("the original's engine export: models mapped by domain to the space's chat models, secrets dropped, validates clean", async () => {
    const text = fixture('astron-support-triage.json');
    for (const file of [JSON.parse(text), text]) {
      const imported = await alice.call('POST', '/api/workflows/import', { file });
      expect(imported.status, imported.text).toBe(201);
      expect(imported.body.workflow).toMatchObject({ name: 'Support triage', description: expect.stringContaining('urgent ones as tickets'), problems: [] });
      expect(imported.body.warnings.map((warning: any) => warning.code)).toEqual(['credentials-removed']);
      const { draft } = imported.body.workflow;
      expect(nodeOf(draft, 'spark-llm').data.nodeParam).toMatchObject({ model: `${providerId}/4.0Ultra`, temperature: 0.5 });
      expect(nodeOf(draft, 'question-answer').data.nodeParam.model).toBe(`${providerId}/4.0Ultra`);
      expect(JSON.stringify(draft)).not.toContain('example-api-secret');
    }

    // Bob's space has no such model: the nodes keep an empty model, each with the DSL's warning, and the draft says what is missing.
    const unmapped = await bob.call('POST', '/api/workflows/import', { file: text });
    expect(unmapped.status).toBe(201);
    const { draft, problems } = unmapped.body.workflow;
    expect(nodeOf(draft, 'spark-llm').data.nodeParam.model).toBe('');
    expect(unmapped.body.warnings.filter((warning: any) => warning.code === 'model-not-mapped').map((warning: any) => warning.nodeId)).toEqual([
      nodeOf(draft, 'spark-llm').id,
      nodeOf(draft, 'question-answer').id,
    ]);
    expect(problems.map((problem: any) => [problem.code, problem.nodeId])).toEqual([['missing-model', nodeOf(draft, 'spark-llm').id]]);
    expect((await bob.call('POST', `/api/workflows/${unmapped.body.workflow.id}/publish`)).body.code).toBe('workflow_invalid');
  });

  test("the original's console export as YAML text", async () => {
    const imported = await alice.call('POST', '/api/workflows/import', { file: fixture('astron-console-export.yaml') });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.workflow).toMatchObject({ name: 'City weather', description: 'Answers weather questions, or writes a line per city otherwise.' });
    expect(imported.body.warnings.map((warning: any) => warning.code)).toEqual(['input-dropped']);
    const { draft } = imported.body.workflow;
    expect(nodeOf(draft, 'decision-making').data.nodeParam.model).toBe(`${providerId}/4.0Ultra`);
    expect(nodeOf(draft, 'spark-llm').data.nodeParam.model).toBe(`${providerId}/xdeepseekv3`);
    expect(imported.body.workflow.problems.filter((problem: any) => problem.severity === 'error')).toEqual([]);
  });

  test("a Dify app's workflow YAML: its common nodes become ours, unsupported ones are named, and it validates", async () => {
    const imported = await alice.call('POST', '/api/workflows/import', { file: fixture('dify-order-support.yml') });
    expect(imported.status, imported.text).toBe(201);
    const { draft, problems } = imported.body.workflow;
    const types = new Set(draft.nodes.map((node: any) => String(node.id).split('::')[0]));
    for (const type of ['node-start', 'decision-making', 'spark-llm', 'http-request', 'if-else', 'iteration', 'node-end']) expect(types, type).toContain(type);
    expect(imported.body.warnings.some((warning: any) => /tool/i.test(String(warning.message)))).toBe(true);
    expect(problems.filter((problem: any) => problem.severity === 'error' && problem.code !== 'missing-model')).toEqual([]);
  });

  test('files that are not workflows are refused and nothing is created', async () => {
    const before = (await alice.call('GET', '/api/workflows')).body.items.length;
    const refusals: [unknown, string][] = [
      ['{ "nodes": [', 'unreadable_file'],
      [{ hello: 'world' }, 'unrecognized_format'],
      [{ format: 'astron-workflow', formatVersion: 2, name: 'x', description: '', data: { nodes: [], edges: [] } }, 'unrecognized_format'],
      [{ format: 'astron-workflow', formatVersion: 1, name: 'x', description: '', data: { nodes: [7], edges: [] } }, 'unrecognized_format'],
    ];
    for (const [file, code] of refusals) {
      const refused = await alice.call('POST', '/api/workflows/import', { file });
      expect({ status: refused.status, code: refused.body.code }, JSON.stringify(file)).toEqual({ status: 400, code });
    }
    expect((await alice.call('POST', '/api/workflows/import', {})).status).toBe(400);
    expect((await alice.call('GET', '/api/workflows')).body.items.length).toBe(before);
  });
});

describe('permissions', () => {
  test('viewers read and validate, only editors change; a signed-out caller is refused', async () => {
    const team = await alice.call('POST', '/api/spaces', { name: 'Team' });
    const viewerEmail = 'viewer@example.com';
    const invited = await alice.call('POST', '/api/invitations', { email: viewerEmail, role: 'viewer' });
    const viewer = await hub.signUp(viewerEmail);
    const token = new URL(invited.body.acceptUrl as string).searchParams.get('token');
    expect((await viewer.call('POST', '/api/invitations/accept', { token })).status).toBe(200);
    const workflow = await newWorkflow(alice, { name: 'Team flow' });
    expect(team.status).toBe(201);

    expect((await viewer.call('GET', `/api/workflows/${workflow.id}`)).status).toBe(200);
    expect((await viewer.call('POST', `/api/workflows/${workflow.id}/validate`)).body).toEqual({ problems: [] });
    expect((await viewer.call('GET', `/api/workflows/${workflow.id}/export`)).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/api/workflows', { name: 'x' }],
      ['PATCH', `/api/workflows/${workflow.id}`, { name: 'x' }],
      ['POST', `/api/workflows/${workflow.id}/publish`, undefined],
      ['DELETE', `/api/workflows/${workflow.id}`, undefined],
      ['POST', `/api/workflows/${workflow.id}/runs`, { inputs: {} }],
    ] as const) {
      const refused = await viewer.call(method, path, body);
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({ path, status: 403, code: 'permission_denied' });
    }
    expect((await hub.anonymous().call('GET', '/api/workflows')).status).toBe(401);
  });
});
