// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../../api/queries.js';
import { fakeNetwork, meAs, renderApp } from '../../../test/render-app.js';
import { END, LLM, OPTION_YES, QUESTION, sampleDraft, sseBody, START, stubBrowserLayout, workflowOf } from '../test-support.js';

beforeAll(async () => {
  stubBrowserLayout();
  await import('../workflow-editor-page.js');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const id = (nodeId: string) => ({ nodeId, nodeKey: nodeId, nodeType: nodeId.split('::')[0], aliasName: nodeId.split('::')[0] });

const firstLeg = sseBody([
  ['run-started', { runId: 'run_1', inputs: { AGENT_USER_INPUT: 'hello' } }],
  ['node-started', { ...id(START), attempt: 1, inputs: {} }],
  ['node-finished', { ...id(START), inputs: {}, outputs: { AGENT_USER_INPUT: 'hello' }, branch: null, durationMs: 0 }],
  ['node-started', { ...id(LLM), attempt: 1, inputs: { input: 'hello' } }],
  ['node-delta', { ...id(LLM), content: 'Hi ' }],
  ['node-delta', { ...id(LLM), content: 'there' }],
  ['node-finished', { ...id(LLM), inputs: { input: 'hello' }, outputs: { output: 'Hi there' }, branch: null, durationMs: 42 }],
  ['node-started', { ...id(QUESTION), attempt: 1, inputs: { input: 'Hi there' } }],
  [
    'node-paused',
    {
      ...id(QUESTION),
      prompt: {
        question: 'Send Hi there?',
        answerType: 'option',
        options: [
          { id: OPTION_YES, name: 'A', content: 'Yes' },
          { id: 'option-one-of::other', name: 'default', content: '' },
        ],
      },
    },
  ],
  ['run-paused', {}],
]);

const secondLeg = sseBody(
  [
    ['run-resumed', { nodeId: QUESTION, nodeKey: QUESTION }],
    ['node-finished', { ...id(QUESTION), inputs: { input: 'Hi there' }, outputs: { query: 'Send Hi there?', id: OPTION_YES, content: 'Yes' }, branch: OPTION_YES, durationMs: 1 }],
    ['node-started', { ...id(END), attempt: 1, inputs: { answer: 'Yes' } }],
    ['node-finished', { ...id(END), inputs: { answer: 'Yes' }, outputs: { answer: 'Yes' }, branch: null, durationMs: 0 }],
    ['run-finished', { outputs: { answer: 'Yes' } }],
  ],
  11,
);

function render(answers: Record<string, (body: unknown) => Response>) {
  const network = fakeNetwork({ 'GET /api/workflows/workflow_1/runs': () => ({ body: { items: [], nextCursor: null } }) });
  const streamed: { path: string; body: unknown; headers: Record<string, string> }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://console.test');
    const answer = answers[`${init.method ?? 'GET'} ${url.pathname}`];
    if (answer === undefined) return network.fetch(input, init);
    const body: unknown = JSON.parse(init.body as string);
    streamed.push({ path: url.pathname, body, headers: init.headers as Record<string, string> });
    return answer(body);
  });
  renderApp('/workflows/workflow_1', {
    me: meAs('editor'),
    data: [
      [keys.workflow('workflow_1'), workflowOf(sampleDraft())],
      [keys.providers, { items: [], defaults: { chatModel: null, embeddingModel: null } }],
    ],
  });
  return { network, streamed };
}

const events = (text: string) => new Response(text, { headers: { 'content-type': 'text/event-stream' } });
const runNode = (nodeId: string) => screen.getAllByTestId('run-node').find((node) => node.getAttribute('data-id') === nodeId)!;
const canvasStatus = (nodeId: string) =>
  screen.getAllByTestId('canvas-node').find((node) => node.getAttribute('data-id') === nodeId)!.getAttribute('data-status');

async function openRunPanel() {
  await waitFor(() => expect(screen.getAllByTestId('canvas-node')).toHaveLength(4));
  fireEvent.click(screen.getByTestId('run-open'));
  return screen.findByTestId('run-panel');
}

describe('debug run panel', () => {
  it('streams the run onto the canvas and the list, answers the question with a resume, and shows the result', async () => {
    const { streamed } = render({
      'POST /api/workflows/workflow_1/runs': () => events(firstLeg),
      'POST /api/workflows/workflow_1/runs/run_1/resume': () => events(secondLeg),
    });
    await openRunPanel();
    const input = screen.getAllByTestId('run-input').find((item) => item.getAttribute('data-name') === 'AGENT_USER_INPUT')!;
    fireEvent.click(screen.getByTestId('run-start'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(streamed).toHaveLength(0);

    fireEvent.change(input, { target: { value: 'hello' } });
    fireEvent.click(screen.getByTestId('run-start'));
    const question = await screen.findByTestId('run-question');
    expect(within(question).getByTestId('run-question-text').textContent).toBe('Send Hi there?');
    expect(streamed[0]).toMatchObject({ path: '/api/workflows/workflow_1/runs', body: { inputs: { AGENT_USER_INPUT: 'hello' }, stream: true } });
    expect(streamed[0]!.headers['x-csrf-token']).toBe('csrf-1');
    expect(screen.getByTestId('run-status').getAttribute('data-phase')).toBe('paused');
    expect([START, LLM, QUESTION].map((node) => runNode(node).getAttribute('data-status'))).toEqual(['succeeded', 'succeeded', 'paused']);
    await waitFor(() => expect([START, LLM, QUESTION, END].map(canvasStatus)).toEqual(['succeeded', 'succeeded', 'paused', 'idle']));
    expect(runNode(LLM).textContent).toContain('42 ms');
    expect(within(runNode(LLM)).getByTestId('run-node-outputs').textContent).toContain('Hi there');

    const answer = within(question).getByTestId('run-answer');
    expect(within(answer).getAllByTestId('run-answer-option').map((option) => option.textContent)).toEqual(['A. Yes', 'default']);
    fireEvent.change(answer, { target: { value: OPTION_YES } });
    fireEvent.click(within(question).getByTestId('run-answer-send'));
    await waitFor(() => expect(screen.getByTestId('run-status').getAttribute('data-phase')).toBe('succeeded'));
    expect(streamed[1]).toMatchObject({
      path: '/api/workflows/workflow_1/runs/run_1/resume',
      body: { answer: OPTION_YES, nodeKey: QUESTION, stream: true },
    });
    expect(screen.queryByTestId('run-question')).toBeNull();
    expect(JSON.parse(screen.getByTestId('run-output').textContent)).toEqual({ answer: 'Yes' });
    await waitFor(() => expect([START, LLM, QUESTION, END].map(canvasStatus)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']));
  });

  it('shows the problems the hub refuses a run for, and cancels a paused run', async () => {
    let refuse = true;
    render({
      'POST /api/workflows/workflow_1/runs': () =>
        refuse
          ? new Response(
              JSON.stringify({
                code: 'workflow_invalid',
                message: 'The workflow has errors',
                details: [{ severity: 'error', code: 'missing-model', message: 'no model is chosen for this node', nodeId: LLM, field: 'data.nodeParam.model' }],
              }),
              { status: 400, headers: { 'content-type': 'application/json' } },
            )
          : events(firstLeg),
    });
    await openRunPanel();
    const input = screen.getAllByTestId('run-input').find((item) => item.getAttribute('data-name') === 'AGENT_USER_INPUT')!;
    fireEvent.change(input, { target: { value: 'hello' } });
    fireEvent.click(screen.getByTestId('run-start'));
    const refused = await screen.findByTestId('run-refused');
    expect(within(refused).getByTestId('problem-item').getAttribute('data-code')).toBe('missing-model');
    expect(screen.getByTestId('form-error').textContent).toContain('The workflow has errors');

    refuse = false;
    fireEvent.click(screen.getByTestId('run-start'));
    await screen.findByTestId('run-question');
    const cancel = fakeNetwork({ 'POST /api/workflows/workflow_1/runs/run_1/cancel': () => ({ body: { id: 'run_1', status: 'cancelled' } }) });
    vi.stubGlobal('fetch', cancel.fetch);
    fireEvent.click(screen.getByTestId('run-cancel'));
    await waitFor(() => expect(screen.getByTestId('run-status').getAttribute('data-phase')).toBe('cancelled'));
    expect(cancel.calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /api/workflows/workflow_1/runs/run_1/cancel']);
    // The canvas follows the run state on its next render.
    await waitFor(() => expect(runNode(QUESTION).getAttribute('data-status')).toBe('cancelled'));
    await waitFor(() => expect(canvasStatus(END)).toBe('skipped'));
  });
});
