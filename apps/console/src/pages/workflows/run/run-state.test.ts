import { describe, expect, it } from 'vitest';
import { createSseEventParser } from '../../../lib/sse.js';
import { sseBody } from '../test-support.js';
import { applyRunEvent, idleRun, nodeStatuses, type RunEvent, type RunView } from './run-state.js';

const fold = (events: [string, unknown][]): RunView => {
  let view = idleRun;
  const parser = createSseEventParser((event) => {
    view = applyRunEvent(view, { type: event.event, data: JSON.parse(event.data) as Record<string, unknown>, id: event.id });
  });
  // Delivered in small pieces, as a network does.
  const body = sseBody(events);
  for (let index = 0; index < body.length; index += 7) parser.push(body.slice(index, index + 7));
  parser.end();
  return view;
};

const identity = (nodeId: string) => ({ nodeId, nodeKey: nodeId, nodeType: nodeId.split('::')[0], aliasName: nodeId });

describe('the run view', () => {
  it('follows nodes through retries to their outputs, and marks the nodes a finished run never reached as skipped', () => {
    const view = fold([
      ['run-started', { runId: 'run_1', inputs: {} }],
      ['node-started', { ...identity('node-start::s'), attempt: 1, inputs: {} }],
      ['node-finished', { ...identity('node-start::s'), inputs: {}, outputs: { AGENT_USER_INPUT: 'hi' }, branch: null, durationMs: 0 }],
      ['node-started', { ...identity('spark-llm::l'), attempt: 1, inputs: { input: 'hi' } }],
      ['node-failed', { ...identity('spark-llm::l'), attempt: 1, error: { code: 'timeout', message: 'too slow' }, willRetry: true, durationMs: 60000 }],
      ['node-started', { ...identity('spark-llm::l'), attempt: 2, inputs: { input: 'hi' } }],
      ['node-delta', { ...identity('spark-llm::l'), content: 'Hel' }],
      ['node-delta', { ...identity('spark-llm::l'), content: 'lo', reasoning: 'think' }],
      ['node-finished', { ...identity('spark-llm::l'), inputs: { input: 'hi' }, outputs: { output: 'Hello' }, branch: null, durationMs: 12, usage: { total_tokens: 3 } }],
      ['run-finished', { outputs: { answer: 'Hello' } }],
    ]);
    expect(view.phase).toBe('succeeded');
    expect(view.runId).toBe('run_1');
    expect(view.lastEventId).toBe('10');
    expect(view.outputs).toEqual({ answer: 'Hello' });
    const llm = view.nodes[1]!;
    expect(llm).toMatchObject({ status: 'succeeded', attempt: 2, content: 'Hello', reasoning: 'think', outputs: { output: 'Hello' }, durationMs: 12, error: null });
    const statuses = nodeStatuses(view, ['node-start::s', 'spark-llm::l', 'node-end::e']);
    expect([...statuses]).toEqual([
      ['node-start::s', 'succeeded'],
      ['spark-llm::l', 'succeeded'],
      ['node-end::e', 'skipped'],
    ]);
  });

  it('pauses on a question, resumes, and fails with the error of the run', () => {
    let view = fold([
      ['run-started', { runId: 'run_2' }],
      ['node-started', { ...identity('question-answer::q'), attempt: 1, inputs: {} }],
      [
        'node-paused',
        { ...identity('question-answer::q'), prompt: { question: 'Sure?', answerType: 'option', options: [{ id: 'option-one-of::a', name: 'A', content: 'Yes' }] } },
      ],
      ['run-paused', {}],
    ]);
    expect(view.phase).toBe('paused');
    expect(view.pause).toEqual({
      nodeId: 'question-answer::q',
      nodeKey: 'question-answer::q',
      question: 'Sure?',
      answerType: 'option',
      options: [{ id: 'option-one-of::a', name: 'A', content: 'Yes' }],
    });
    expect(nodeStatuses(view, ['question-answer::q', 'node-end::e']).get('node-end::e')).toBeUndefined();
    const next: RunEvent[] = [
      { type: 'run-resumed', data: { nodeId: 'question-answer::q', nodeKey: 'question-answer::q' }, id: '5' },
      { type: 'node-started', data: { ...identity('ifly-code::c'), attempt: 1, inputs: {} }, id: '6' },
      { type: 'node-failed', data: { ...identity('ifly-code::c'), error: { code: 'code_error', message: 'boom' }, willRetry: false, durationMs: 3 }, id: '7' },
      { type: 'run-failed', data: { error: { code: 'code_error', message: 'boom' } }, id: '8' },
    ];
    for (const event of next) view = applyRunEvent(view, event);
    expect(view.pause).toBeNull();
    expect(view.phase).toBe('failed');
    expect(view.error).toEqual({ code: 'code_error', message: 'boom' });
    expect(view.nodes.map((node) => [node.nodeId, node.status])).toEqual([
      ['question-answer::q', 'cancelled'],
      ['ifly-code::c', 'failed'],
    ]);
  });
});
