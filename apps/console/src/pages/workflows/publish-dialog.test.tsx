// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { LLM, sampleDraft, START, END, stubBrowserLayout, workflowOf } from './test-support.js';

beforeAll(async () => {
  stubBrowserLayout();
  await import('./workflow-editor-page.js');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(routes: Parameters<typeof fakeNetwork>[0]) {
  const network = fakeNetwork({ 'GET /api/workflows': () => ({ body: { items: [] } }), ...routes });
  vi.stubGlobal('fetch', network.fetch);
  renderApp('/workflows/workflow_1', {
    me: meAs('editor'),
    data: [
      [keys.workflow('workflow_1'), workflowOf(sampleDraft())],
      [keys.providers, { items: [], defaults: { chatModel: null, embeddingModel: null } }],
    ],
  });
  return network;
}

const ready = () => waitFor(() => expect(screen.getAllByTestId('canvas-node')).toHaveLength(4));

describe('publish, versions and export', () => {
  it('shows the problems a publish is refused for; one of them leads to its node', async () => {
    open({
      'POST /api/workflows/workflow_1/publish': () => ({
        status: 400,
        body: {
          code: 'workflow_invalid',
          message: 'The workflow has errors',
          details: [{ severity: 'error', code: 'missing-model', message: 'no model is chosen for this node', nodeId: LLM, field: 'data.nodeParam.model' }],
        },
      }),
    });
    await ready();
    fireEvent.click(screen.getByTestId('workflow-publish'));
    fireEvent.click(await screen.findByTestId('workflow-publish-submit'));
    const problems = await screen.findByTestId('workflow-publish-problems');
    fireEvent.click(within(problems).getByTestId('problem-item'));
    await waitFor(() => expect(screen.queryByTestId('workflow-publish-dialog')).toBeNull());
    expect(screen.getByTestId('node-panel').getAttribute('data-node-id')).toBe(LLM);
  });

  it('publishes the saved draft as the next version', async () => {
    let published: number | null = null;
    const network = open({
      'POST /api/workflows/workflow_1/publish': () => {
        published = 1;
        return { body: { version: 1, publishedAt: '2026-01-03T00:00:00Z' } };
      },
      'GET /api/workflows/workflow_1': () => ({ body: workflowOf(sampleDraft(), { publishedVersion: published }) }),
      'PATCH /api/workflows/workflow_1': () => ({ body: workflowOf(sampleDraft()) }),
    });
    await ready();
    fireEvent.click(screen.getAllByTestId('palette-item').find((item) => item.getAttribute('data-type') === 'message')!);
    fireEvent.click(screen.getByTestId('workflow-publish'));
    fireEvent.click(await screen.findByTestId('workflow-publish-submit'));
    expect((await screen.findByTestId('workflow-published-version')).getAttribute('data-version')).toBe('1');
    const order = network.calls.filter((call) => call.method !== 'GET').map((call) => `${call.method} ${call.path}`);
    expect(order).toEqual(['PATCH /api/workflows/workflow_1', 'POST /api/workflows/workflow_1/publish']);
    await waitFor(() => expect(screen.getByTestId('workflow-editor').textContent).toContain('v1'));
  });

  it('restores a version into the draft, which the canvas then shows', async () => {
    const restored = sampleDraft();
    restored.nodes = restored.nodes.filter((node) => node.id === START || node.id === END);
    restored.edges = [{ id: 'e9', sourceNodeId: START, targetNodeId: END }];
    const network = open({
      'GET /api/workflows/workflow_1/versions': () => ({
        body: { items: [{ version: 1, publishedAt: '2026-01-02T00:00:00Z', publishedBy: 'us_1', snapshot: { name: 'Support', description: '', draft: restored } }] },
      }),
      'POST /api/workflows/workflow_1/rollback': () => ({ body: workflowOf(restored, { publishedVersion: 1 }) }),
    });
    await ready();
    fireEvent.click(screen.getByTestId('panel-tab-versions'));
    const row = await screen.findByTestId('workflow-version-row');
    fireEvent.click(within(row).getByTestId('workflow-rollback'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await waitFor(() => expect(screen.getAllByTestId('canvas-node')).toHaveLength(2));
    expect(network.calls.find((call) => call.path === '/api/workflows/workflow_1/rollback')?.body).toEqual({ version: 1 });
    expect(screen.getByTestId('workflow-save-state').getAttribute('data-state')).toBe('saved');
    expect(screen.getByTestId<HTMLButtonElement>('undo').disabled).toBe(true);
  });

  it('exports the draft as a file', async () => {
    const created: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (created.push(blob), 'blob:x'), revokeObjectURL: () => {} }));
    const file = { format: 'astron-workflow', formatVersion: 1, name: 'Support', description: '', data: sampleDraft() };
    open({ 'GET /api/workflows/workflow_1/export': () => ({ body: file }) });
    await ready();
    fireEvent.click(screen.getByTestId('workflow-export'));
    expect((await screen.findByTestId('toast-success')).textContent).toContain('Support.workflow.json');
    expect(JSON.parse(await created[0]!.text())).toEqual(file);
  });
});
