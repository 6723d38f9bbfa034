// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../../api/queries.js';
import type { WorkflowDraft, WorkflowSummary, WorkflowVersion } from '../../../api/types.js';
import { initI18n } from '../../../i18n/index.js';
import { fakeNetwork, meAs, renderApp, type FakeCall } from '../../../test/render-app.js';
import type { Draft } from '../editor/draft.js';
import { editorReducer, type EditorState } from '../editor/editor-state.js';
import { createNodes } from '../editor/node-factory.js';
import { freshState } from '../editor/test-drafts.js';
import { sampleDraft, stubBrowserLayout, workflowOf } from '../test-support.js';
import { renderNodePanel, shownDraft } from './test-panel.js';

beforeAll(async () => {
  initI18n('en');
  stubBrowserLayout();
  await import('../workflow-editor-page.js');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ref = (nodeId: string, name: string) => ({ type: 'ref' as const, content: { nodeId, name } });

/** A workflow whose start takes `parameters` and whose end returns `results` as variables (or renders a template). */
function workflowDraft(parameters: [string, string][], results: [string, string][], endParam: Record<string, unknown> = { outputMode: 0 }): Draft {
  return {
    nodes: [
      {
        id: 'node-start::s',
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'Start' },
          inputs: [],
          outputs: parameters.map(([name, type]) => ({ id: `o-${name}`, name, schema: { type }, required: true })),
          nodeParam: {},
        },
      },
      {
        id: 'node-end::e',
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'End' },
          inputs: results.map(([name, type]) => ({ id: `i-${name}`, name, schema: { type, value: ref('node-start::s', parameters[0]?.[0] ?? '') } })),
          outputs: [],
          nodeParam: endParam,
        },
      },
    ],
    edges: [{ sourceNodeId: 'node-start::s', targetNodeId: 'node-end::e' }],
  };
}

const summary = (id: string, name: string, publishedVersion: number | null): WorkflowSummary => {
  const { draft: _draft, ...rest } = workflowOf({ nodes: [], edges: [] }, { id, name, publishedVersion });
  return rest;
};

const version = (number: number, draft: WorkflowDraft): WorkflowVersion => ({
  version: number,
  publishedAt: `2026-01-0${number}T00:00:00Z`,
  publishedBy: 'us_1',
  snapshot: { name: 'Translate', description: '', draft },
});

/** The space: the workflow being edited, Translate (v2 published, v1 older, a draft that differs) and an unpublished one. */
function space(more: Parameters<typeof fakeNetwork>[0] = {}) {
  const network = fakeNetwork({
    'GET /api/workflows': () => ({
      body: { items: [summary('workflow_1', 'Support', 1), summary('wf_translate', 'Translate', 2), summary('wf_drafty', 'Drafty', null)] },
    }),
    'GET /api/workflows/wf_translate/versions': () => ({
      body: {
        items: [
          version(2, workflowDraft([['text', 'string'], ['language', 'string']], [['translation', 'string'], ['score', 'number']])),
          version(1, workflowDraft([['text', 'string']], [['ignored', 'string']], { outputMode: 1, template: '{{ignored}}', reasoningTemplate: 'why' })),
        ],
      },
    }),
    'GET /api/workflows/wf_translate': () => ({ body: workflowOf(workflowDraft([['draft_only', 'string']], []), { id: 'wf_translate', name: 'Translate', publishedVersion: 2 }) }),
    'GET /api/workflows/wf_drafty': () => ({ body: workflowOf(workflowDraft([['question', 'string']], [['answer', 'string']]), { id: 'wf_drafty', name: 'Drafty' }) }),
    ...more,
  });
  vi.stubGlobal('fetch', network.fetch);
  return network;
}

const FLOW = 'flow::aaaaaaaa-0000-4000-8000-0000000000f1';

/** A starter draft with a flow node named `alias`, whose input `text` reads the start's input. */
function withFlowNode(alias: string): EditorState {
  const created = createNodes('flow', { position: { x: 300, y: 0 }, alias });
  const node = { ...created.nodes[0]!, id: FLOW };
  node.data = { ...node.data, inputs: [{ id: 'i-text', name: 'text', schema: { type: 'string', value: ref('node-start::s1', 'AGENT_USER_INPUT') } }] };
  return editorReducer(freshState(), { type: 'add', nodes: [node], edges: [] });
}

function renderPanel(alias = 'Workflow') {
  const network = space();
  renderNodePanel(withFlowNode(alias), FLOW);
  return network;
}

const flowNode = () => shownDraft().nodes.find((node) => node.id === FLOW)!;
const options = () => within(screen.getByTestId('flow-select')).getAllByTestId('flow-option');
const idle = () => waitFor(() => expect(screen.queryByTestId('flow-loading')).toBeNull());

async function choose(workflowId: string) {
  await waitFor(() => expect(options().length).toBeGreaterThan(0));
  fireEvent.change(screen.getByTestId('flow-select'), { target: { value: workflowId } });
  await waitFor(() => expect(flowNode().data.nodeParam.flowId).toBe(workflowId));
  await idle();
}

describe('flow picker', () => {
  it("lists the space's workflows but the one being edited, and marks the unpublished one", async () => {
    renderPanel();
    await waitFor(() => expect(options()).toHaveLength(2));
    expect(options().map((option) => [option.getAttribute('value'), option.textContent, option.getAttribute('data-published')])).toEqual([
      ['wf_translate', 'Translate', 'true'],
      ['wf_drafty', 'Drafty (not published)', 'false'],
    ]);
    expect(screen.getByTestId<HTMLSelectElement>('flow-version').disabled).toBe(true);
    expect(screen.queryByTestId('flow-unpublished')).toBeNull();
    // The picker stands in for the generated flowId and version fields; the rest of the form stays.
    const generated = within(screen.getByTestId('param-form')).getAllByTestId('param-field').map((field) => field.getAttribute('data-path'));
    expect(generated).toContain('data.nodeParam.enableChatHistoryV2.isEnabled');
    expect(generated.filter((path) => path === 'data.nodeParam.flowId' || path === 'data.nodeParam.version')).toEqual([]);
  });

  it("fills the inputs and outputs from the published version, keeping the value of an input whose name stays, and names the node", async () => {
    const network = renderPanel();
    await choose('wf_translate');
    const node = flowNode();
    expect(node.data.nodeParam).toMatchObject({ flowId: 'wf_translate', version: null });
    expect(node.data.nodeMeta.aliasName).toBe('Translate');
    expect(node.data.inputs.map((input) => [input.name, input.schema.type])).toEqual([
      ['text', 'string'],
      ['language', 'string'],
    ]);
    expect(node.data.inputs[0]).toMatchObject({ id: 'i-text', schema: { value: ref('node-start::s1', 'AGENT_USER_INPUT') } });
    expect(node.data.outputs.map((output) => [output.name, output.schema.type])).toEqual([
      ['translation', 'string'],
      ['score', 'number'],
    ]);
    expect(within(screen.getByTestId('outputs-editor')).getAllByTestId<HTMLInputElement>('output-name').map((input) => input.value)).toEqual(['translation', 'score']);
    // The published snapshot, not the draft (whose start takes `draft_only`).
    expect(network.calls.map((call: FakeCall) => call.path)).not.toContain('/api/workflows/wf_translate');

    await waitFor(() => expect(screen.getAllByTestId('flow-version-option')).toHaveLength(2));
    expect(screen.getAllByTestId('flow-version-option').map((option) => option.textContent)).toEqual([
      expect.stringMatching(/^v2 · .+ \(published now\)$/),
      expect.stringMatching(/^v1 · /),
    ]);
  });

  it("pins a version and takes that version's inputs and outputs", async () => {
    renderPanel();
    await choose('wf_translate');
    await waitFor(() => expect(screen.getAllByTestId('flow-version-option')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('flow-version'), { target: { value: '1' } });
    await waitFor(() => expect(flowNode().data.nodeParam.version).toBe('1'));
    await idle();
    const node = flowNode();
    expect(node.data.inputs.map((input) => input.name)).toEqual(['text']);
    expect(node.data.outputs.map((output) => [output.name, output.schema.type])).toEqual([
      ['output', 'string'],
      ['reasoning', 'string'],
    ]);
    expect(screen.getByTestId<HTMLSelectElement>('flow-version').value).toBe('1');

    fireEvent.change(screen.getByTestId('flow-version'), { target: { value: '' } });
    await waitFor(() => expect(flowNode().data.nodeParam.version).toBeNull());
    expect(flowNode().data.inputs.map((input) => input.name)).toEqual(['text', 'language']);
  });

  it("takes an unpublished workflow's draft, says its runs fail until it is published, and keeps a name a person gave", async () => {
    renderPanel('Ask the FAQ');
    await choose('wf_drafty');
    const node = flowNode();
    expect(node.data.nodeMeta.aliasName).toBe('Ask the FAQ');
    expect(node.data.inputs.map((input) => [input.name, input.id === 'i-text'])).toEqual([['question', false]]);
    expect(node.data.outputs.map((output) => output.name)).toEqual(['answer']);
    expect(screen.getByTestId('flow-unpublished').textContent).toContain('not published');
  });

  it('renames a node still named after the workflow it ran when another is chosen', async () => {
    renderPanel();
    await choose('wf_translate');
    expect(flowNode().data.nodeMeta.aliasName).toBe('Translate');
    await choose('wf_drafty');
    expect(flowNode().data.nodeMeta.aliasName).toBe('Drafty');
  });
});

describe('flow picker in the editor', () => {
  it('offers the workflows of the space but the one open, and saves the choice', async () => {
    const saved: Draft[] = [];
    space({
      'PATCH /api/workflows/workflow_1': (call: FakeCall) => {
        const draft = (call.body as { draft: Draft }).draft;
        saved.push(draft);
        return { body: workflowOf(draft) };
      },
    });
    renderApp('/workflows/workflow_1', {
      me: meAs('editor'),
      data: [
        [keys.workflow('workflow_1'), workflowOf(sampleDraft(), { publishedVersion: 1 })],
        [keys.providers, { items: [], defaults: { chatModel: null, embeddingModel: null } }],
      ],
    });
    // The editor's first render is slow on a busy machine; what is checked here comes after it.
    await waitFor(() => expect(screen.getAllByTestId('canvas-node')).toHaveLength(4), { timeout: 10_000 });
    fireEvent.click(screen.getAllByTestId('palette-item').find((item) => item.getAttribute('data-type') === 'flow')!);
    await waitFor(() => expect(options().map((option) => option.getAttribute('value'))).toEqual(['wf_translate', 'wf_drafty']));
    fireEvent.change(screen.getByTestId('flow-select'), { target: { value: 'wf_translate' } });
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('node-alias').value).toBe('Translate'));
    expect(screen.getAllByTestId('input-row').map((row) => row.getAttribute('data-name'))).toEqual(['text', 'language']);

    fireEvent.click(screen.getByTestId('workflow-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    const flow = saved[0]!.nodes.find((node) => node.id.startsWith('flow::'))!;
    expect(flow.data.nodeParam).toMatchObject({ flowId: 'wf_translate', version: null });
    expect(flow.data.outputs.map((output) => output.name)).toEqual(['translation', 'score']);
  });
});
