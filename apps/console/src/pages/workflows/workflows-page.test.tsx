// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { WorkflowSummary } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { sampleDraft, stubBrowserLayout, workflowOf } from './test-support.js';

beforeAll(async () => {
  stubBrowserLayout();
  await import('./workflow-editor-page.js');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const summary = (id: string, name: string, changes: Partial<WorkflowSummary> = {}): WorkflowSummary => ({
  id,
  name,
  description: '',
  alias: null,
  problems: [],
  publishedVersion: null,
  publishedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...changes,
});

const triage = summary('workflow_1', 'Triage', { publishedVersion: 3, publishedAt: '2026-01-02T00:00:00Z' });
const broken = summary('workflow_2', 'Broken', {
  problems: [{ severity: 'error', code: 'missing-model', message: 'no model', nodeId: 'spark-llm::x' }],
});

describe('workflows list', () => {
  it('lists the workflows with their state; a viewer cannot create, import or delete', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    renderApp('/workflows', { me: meAs('viewer'), data: [[keys.workflows, { items: [triage, broken] }]] });
    const rows = await screen.findAllByTestId('workflow-row');
    expect(rows.map((row) => row.getAttribute('data-name'))).toEqual(['Triage', 'Broken']);
    expect(within(rows[0]!).getByText('v3')).toBeTruthy();
    expect(within(rows[0]!).getByText('Ready')).toBeTruthy();
    expect(within(rows[1]!).getByText('1 problem')).toBeTruthy();
    expect(within(rows[1]!).getByText('Draft only')).toBeTruthy();
    expect(screen.queryByTestId('workflow-create')).toBeNull();
    expect(screen.queryByTestId('workflow-import')).toBeNull();
    expect(screen.queryByTestId('workflow-delete')).toBeNull();
    expect(screen.getByTestId('nav-workflows').closest('a')).not.toBeNull();
  });

  it('creates a workflow and opens it in the editor', async () => {
    const created = workflowOf(sampleDraft(), { id: 'workflow_9', name: 'Fresh' });
    const network = fakeNetwork({
      'POST /api/workflows': () => ({ status: 201, body: created }),
      'GET /api/workflows': () => ({ body: { items: [] } }),
      'GET /api/providers': () => ({ body: { items: [], defaults: { chatModel: null, embeddingModel: null } } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    const { router } = renderApp('/workflows', { me: meAs('editor'), data: [[keys.workflows, { items: [] }]] });
    expect(await screen.findByTestId('workflow-create-empty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('workflow-create'));
    fireEvent.click(screen.getByTestId('workflow-create-submit'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('workflow-create-name'), { target: { value: ' Fresh ' } });
    fireEvent.change(screen.getByTestId('workflow-create-description'), { target: { value: 'Answers mail' } });
    fireEvent.click(screen.getByTestId('workflow-create-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/workflows/workflow_9'));
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({ name: 'Fresh', description: 'Answers mail' });
    expect(await screen.findByTestId('workflow-title')).toBeTruthy();
    expect(screen.getByTestId('workflow-title').textContent).toBe('Fresh');
  });

  it('imports a JSON file as an object and a YAML file as text, and shows the warnings', async () => {
    const imported = workflowOf(sampleDraft(), { id: 'workflow_3', name: 'From Astron' });
    const network = fakeNetwork({
      'POST /api/workflows/import': () => ({
        status: 201,
        body: { workflow: imported, warnings: [{ code: 'model-not-mapped', message: 'Node spark-llm::x: no model', nodeId: 'spark-llm::x' }] },
      }),
      'GET /api/workflows': () => ({ body: { items: [summary('workflow_3', 'From Astron')] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/workflows', { me: meAs('editor'), data: [[keys.workflows, { items: [triage] }]] });
    const picker = await screen.findByTestId('workflow-import-file');
    const json = new File([JSON.stringify({ name: 'From Astron', data: { nodes: [], edges: [] } })], 'flow.json', { type: 'application/json' });
    fireEvent.change(picker, { target: { files: [json] } });
    const dialog = await screen.findByTestId('workflow-import-warnings');
    expect(within(dialog).getByTestId('workflow-import-warning').getAttribute('data-code')).toBe('model-not-mapped');
    expect(dialog.textContent).toContain('From Astron imported, with warnings');
    expect(network.calls.find((call) => call.path === '/api/workflows/import')?.body).toEqual({
      file: { name: 'From Astron', data: { nodes: [], edges: [] } },
    });
    await waitFor(() => expect(screen.getAllByTestId('workflow-row').map((row) => row.getAttribute('data-name'))).toEqual(['From Astron']));

    const yaml = new File(['flowMeta:\n  name: Y\nflowData:\n  nodes: []\n  edges: []\n'], 'flow.yaml', { type: 'text/yaml' });
    fireEvent.change(picker, { target: { files: [yaml] } });
    await waitFor(() => expect(network.calls.filter((call) => call.path === '/api/workflows/import')).toHaveLength(2));
    expect(network.calls.filter((call) => call.path === '/api/workflows/import')[1]!.body).toEqual({
      file: 'flowMeta:\n  name: Y\nflowData:\n  nodes: []\n  edges: []\n',
    });
  });

  it('deletes a workflow after confirmation', async () => {
    let items = [triage, broken];
    const network = fakeNetwork({
      'DELETE /api/workflows/workflow_2': () => {
        items = [triage];
        return { status: 204 };
      },
      'GET /api/workflows': () => ({ body: { items } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/workflows', { me: meAs('editor'), data: [[keys.workflows, { items }]] });
    const rows = await screen.findAllByTestId('workflow-row');
    fireEvent.click(within(rows[1]!).getByTestId('workflow-delete'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await waitFor(() => expect(screen.getAllByTestId('workflow-row')).toHaveLength(1));
    expect(network.calls.some((call) => call.method === 'DELETE' && call.path === '/api/workflows/workflow_2')).toBe(true);
    expect(await screen.findByTestId('toast-success')).toBeTruthy();
  });
});
