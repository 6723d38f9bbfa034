// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import { fakeNetwork, meAs, renderApp, type FakeCall } from '../../test/render-app.js';
import type { Draft, DraftNode } from './editor/draft.js';
import { END, LLM, QUESTION, sampleDraft, START, stubBrowserLayout, workflowOf } from './test-support.js';

beforeAll(async () => {
  stubBrowserLayout();
  // The route loads the editor on demand: load it once here, so each test's first render finds it ready.
  await import('./workflow-editor-page.js');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const providers = {
  items: [{ id: 'pv_1', name: 'OpenAI', models: [{ id: 'gpt-4o-mini', kind: 'chat' }] }],
  defaults: { chatModel: null, embeddingModel: null },
};

function openEditor(draft = sampleDraft(), role: 'editor' | 'viewer' = 'editor') {
  const workflow = workflowOf(draft);
  const network = fakeNetwork({
    'PATCH /api/workflows/workflow_1': (call: FakeCall) => ({ body: { ...workflow, draft: (call.body as { draft: unknown }).draft } }),
    'GET /api/workflows': () => ({ body: { items: [] } }),
  });
  vi.stubGlobal('fetch', network.fetch);
  const view = renderApp('/workflows/workflow_1', {
    me: meAs(role),
    data: [
      [keys.workflow('workflow_1'), workflow],
      [keys.providers, providers],
    ],
  });
  return { ...view, network };
}

const canvasNodes = () => screen.getAllByTestId('canvas-node');
const canvasNode = (id: string) => canvasNodes().find((node) => node.getAttribute('data-id') === id)!;
const paletteItem = (type: string) => screen.getAllByTestId('palette-item').find((item) => item.getAttribute('data-type') === type)!;
const field = (path: string) => screen.getAllByTestId('param-field').find((item) => item.getAttribute('data-path') === path)!;
const inputRow = (name: string) => screen.getAllByTestId('input-row').find((row) => row.getAttribute('data-name') === name)!;

async function selectNode(id: string) {
  fireEvent.click(canvasNode(id));
  await waitFor(() => expect(screen.getByTestId('node-panel').getAttribute('data-node-id')).toBe(id));
}

async function ready(count = 4) {
  await waitFor(() => expect(canvasNodes()).toHaveLength(count));
}

describe('workflow editor', () => {
  it('draws the draft, and adds a node from the palette with its defaults; the save sends the DSL', async () => {
    const { network } = openEditor();
    await ready();
    expect(canvasNodes().map((node) => node.getAttribute('data-id'))).toEqual([START, LLM, QUESTION, END]);
    expect(canvasNode(QUESTION).querySelectorAll('[data-testid="node-handle"]')).toHaveLength(2);

    // Every node type can be added: the services they need are all part of the platform.
    expect((paletteItem('knowledge-pro-base') as HTMLButtonElement).disabled).toBe(false);
    expect((paletteItem('plugin') as HTMLButtonElement).disabled).toBe(false);
    expect((paletteItem('database') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getAllByTestId('palette-item').map((item) => item.getAttribute('data-type'))).not.toContain('iteration-node-start');

    fireEvent.click(paletteItem('ifly-code'));
    await ready(5);
    const panel = screen.getByTestId('node-panel');
    const id = panel.getAttribute('data-node-id')!;
    expect(id).toMatch(/^ifly-code::[0-9a-f-]{36}$/);
    expect(within(panel).getByTestId<HTMLInputElement>('node-alias').value).toBe('Code');
    expect(screen.getByTestId('workflow-save-state').getAttribute('data-state')).toBe('dirty');

    fireEvent.click(screen.getByTestId('workflow-save'));
    await waitFor(() => expect(network.calls.some((call) => call.method === 'PATCH')).toBe(true));
    const saved = (network.calls.find((call) => call.method === 'PATCH')!.body as { draft: Draft }).draft;
    const added = saved.nodes.find((node: DraftNode) => node.id === id)!;
    expect(added.data.nodeMeta).toEqual({ nodeType: '工具', aliasName: 'Code' });
    expect(added.data.nodeParam).toEqual({ codeLanguage: 'python', code: 'def main(input):\n    return {"output": input}\n' });
    expect(added.data.outputs.map((output) => output.name)).toEqual(['output']);
    expect(added.data.inputs[0]).toMatchObject({ name: 'input', schema: { type: 'string', value: { type: 'ref', content: { nodeId: '', name: '' } } } });
    expect(saved.edges).toEqual(sampleDraft().edges);
    await waitFor(() => expect(screen.getByTestId('workflow-save-state').getAttribute('data-state')).toBe('saved'));
  });

  it('saves by itself a second after the last change', async () => {
    const { network } = openEditor();
    await ready();
    await selectNode(LLM);
    fireEvent.change(screen.getByTestId('node-alias'), { target: { value: 'Drafter' } });
    expect(screen.getByTestId('workflow-save-state').getAttribute('data-state')).toBe('dirty');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(network.calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);
    await waitFor(() => expect(screen.getByTestId('workflow-save-state').getAttribute('data-state')).toBe('saved'), { timeout: 3000 });
    const patches = network.calls.filter((call) => call.method === 'PATCH');
    expect(patches).toHaveLength(1);
    const saved = (patches[0]!.body as { draft: Draft }).draft;
    expect(saved.nodes.find((node: DraftNode) => node.id === LLM)!.data.nodeMeta.aliasName).toBe('Drafter');
  });

  it('offers in the variable picker only the outputs of nodes upstream', async () => {
    openEditor();
    await ready();
    await selectNode(QUESTION);
    const offered = () =>
      within(screen.getByTestId('variable-picker'))
        .getAllByTestId('variable-option')
        .map((option) => `${option.getAttribute('data-node-id')}/${option.getAttribute('data-name')}`);
    expect(offered()).toEqual([`${START}/AGENT_USER_INPUT`, `${LLM}/output`]);

    await selectNode(LLM);
    expect(offered()).toEqual([`${START}/AGENT_USER_INPUT`]);

    await selectNode(END);
    expect(offered()).toEqual([`${START}/AGENT_USER_INPUT`, `${LLM}/output`, `${QUESTION}/query`, `${QUESTION}/content`]);
  });

  it('marks a broken node and field at once, lists the problem, and clears the marks when fixed', async () => {
    openEditor();
    await ready();
    expect(canvasNode(LLM).getAttribute('data-problems')).toBe('none');
    await selectNode(LLM);
    fireEvent.change(within(field('data.nodeParam.model')).getByTestId('model-select'), { target: { value: '' } });
    await waitFor(() => expect(canvasNode(LLM).getAttribute('data-problems')).toBe('error'));
    expect(field('data.nodeParam.model').getAttribute('data-invalid')).toBe('true');
    expect(within(field('data.nodeParam.model')).getByTestId('field-problem').textContent).toContain('no model is chosen');

    fireEvent.change(within(inputRow('input')).getByTestId('input-mode'), { target: { value: 'literal' } });
    fireEvent.change(within(inputRow('input')).getByTestId('input-mode'), { target: { value: 'ref' } });
    await waitFor(() => expect(inputRow('input').getAttribute('data-invalid')).toBe('true'));

    fireEvent.click(screen.getByTestId('panel-tab-problems'));
    const items = within(screen.getByTestId('problems-list')).getAllByTestId('problem-item');
    expect(items.map((item) => item.getAttribute('data-code')).sort()).toEqual(['missing-model', 'missing-ref-node']);
    fireEvent.click(items[0]!);
    await waitFor(() => expect(screen.getByTestId('node-panel').getAttribute('data-node-id')).toBe(LLM));

    fireEvent.change(within(field('data.nodeParam.model')).getByTestId('model-select'), { target: { value: 'pv_1/gpt-4o-mini' } });
    fireEvent.change(within(inputRow('input')).getByTestId('variable-picker'), { target: { value: JSON.stringify([START, 'AGENT_USER_INPUT']) } });
    await waitFor(() => expect(canvasNode(LLM).getAttribute('data-problems')).toBe('none'));
    expect(field('data.nodeParam.model').getAttribute('data-invalid')).toBeNull();
    expect(inputRow('input').getAttribute('data-invalid')).toBeNull();
    fireEvent.click(screen.getByTestId('panel-tab-problems'));
    expect(screen.getByTestId('problems-list').getAttribute('data-count')).toBe('0');
  });

  it('undoes and redoes with the toolbar and the keyboard', async () => {
    openEditor();
    await ready();
    fireEvent.click(paletteItem('template-transform'));
    await ready(5);
    fireEvent.click(screen.getByTestId('undo'));
    await ready(4);
    expect(screen.getByTestId<HTMLButtonElement>('redo').disabled).toBe(false);
    fireEvent.click(screen.getByTestId('redo'));
    await ready(5);

    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await ready(4);
    fireEvent.keyDown(document.body, { key: 'Z', ctrlKey: true, shiftKey: true });
    await ready(5);

    await selectNode(LLM);
    const alias = screen.getByTestId('node-alias');
    fireEvent.change(alias, { target: { value: 'Writer 2' } });
    await waitFor(() => expect(canvasNode(LLM).textContent).toContain('Writer 2'));
    // Keys typed into a field are the field's own.
    fireEvent.keyDown(alias, { key: 'z', ctrlKey: true });
    expect(canvasNode(LLM).textContent).toContain('Writer 2');
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(canvasNode(LLM).textContent).toContain('Writer'));
    expect(canvasNode(LLM).textContent).not.toContain('Writer 2');
  });

  it('copies and pastes the selected node with a new id', async () => {
    openEditor();
    await ready();
    await selectNode(LLM);
    fireEvent.keyDown(document.body, { key: 'c', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'v', ctrlKey: true });
    await ready(5);
    const copy = canvasNodes().find((node) => ![START, LLM, QUESTION, END].includes(node.getAttribute('data-id')!))!;
    expect(copy.getAttribute('data-id')).toMatch(/^spark-llm::/);
    expect(copy.textContent).toContain('Writer');
  });

  it('lays the nodes out and keeps the layout in the history', async () => {
    const draft = sampleDraft();
    for (const node of draft.nodes) node.position = { x: 0, y: 0 };
    const { network } = openEditor(draft);
    await ready();
    fireEvent.click(screen.getByTestId('auto-layout'));
    fireEvent.click(screen.getByTestId('workflow-save'));
    await waitFor(() => expect(network.calls.some((call) => call.method === 'PATCH')).toBe(true));
    const saved = (network.calls.find((call) => call.method === 'PATCH')!.body as { draft: Draft }).draft;
    const xs = saved.nodes.map((node: DraftNode) => node.position!.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(4);
  });

  it('is read-only for a viewer', async () => {
    openEditor(sampleDraft(), 'viewer');
    await ready();
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(screen.queryByTestId('workflow-save')).toBeNull();
    expect(screen.queryByTestId('workflow-publish')).toBeNull();
    await selectNode(LLM);
    expect(screen.getByTestId<HTMLInputElement>('node-alias').disabled).toBe(true);
    expect(screen.queryByTestId('node-delete')).toBeNull();
  });
});
