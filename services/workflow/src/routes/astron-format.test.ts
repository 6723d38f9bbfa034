import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chain, flow, node, ref } from '../engine/test-flows.js';
import { sseEvents, startTestWorkflow, type WorkflowUnderTest } from '../test-harness.js';
import { decodeEventId } from './astron-frames.js';

// The original astron-agent's stream frames (LLMGenerate), frame by frame, for its users' clients.

let workflow: WorkflowUnderTest;

beforeAll(async () => {
  workflow = await startTestWorkflow();
}, 120_000);

afterAll(async () => {
  await workflow?.service.stop();
});

const frames = (text: string) => sseEvents(text).map((event) => event.data as Record<string, any>);

describe("the original's frame format", () => {
  test('a run: flow start, node start and end with inputs and outputs, streamed answer, flow end with usage', async () => {
    const start = node('node-start', { outputs: ['name'], alias: '开始' });
    const join = node('text-joiner', { inputs: { name: ref(start.id, 'name') }, outputs: ['output'], param: { prompt: '你好，{{name}}' }, alias: '拼接' });
    const end = node('node-end', { inputs: { text: ref(join.id, 'output') }, param: { outputMode: 1, template: '{{text}}！' }, alias: '结束' });
    const response = await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_astron', workflow: flow([start, join, end], chain(start, join, end)), inputs: { name: '小明' }, stream: true, format: 'astron' } });
    const all = frames(response.text);
    // SSE frames carry only data, as the original's.
    expect(response.text).not.toMatch(/^event:/m);
    expect(all.map((frame) => [frame.workflow_step?.node?.id ?? null, frame.workflow_step?.node?.finish_reason ?? null, frame.choices[0].finish_reason])).toEqual([
      ['flow_obj', 'stop', null],
      [start.id, null, null],
      [start.id, 'stop', null],
      [join.id, null, null],
      [join.id, 'stop', null],
      [end.id, null, null],
      [end.id, null, null],
      [end.id, 'stop', null],
      ['flow_obj', 'stop', 'stop'],
    ]);
    for (const frame of all) {
      expect(frame).toMatchObject({ code: 0, message: 'Success', id: expect.stringMatching(/^run_/), created: expect.any(Number) });
      expect(frame.choices[0]).toMatchObject({ index: 0, delta: { role: 'assistant', content: expect.any(String), reasoning_content: '' } });
    }
    expect(all.map((frame) => frame.workflow_step.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all[0]?.workflow_step.progress).toBe(0);
    expect(all.at(-1)?.workflow_step.progress).toBe(1);
    expect(all[4]?.workflow_step.node).toMatchObject({ alias_name: '拼接', inputs: { name: '小明' }, outputs: { output: '你好，小明' }, executed_time: expect.any(Number) });
    expect(all[6]?.choices[0].delta.content).toBe('你好，小明！');
    expect(all[7]?.choices[0].delta.content).toBe('');
    expect(all.at(-1)).toMatchObject({ usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } });

    const blocking = await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_astron', workflow: flow([start, join, end], chain(start, join, end)), inputs: { name: '小红' }, format: 'astron' } });
    expect(blocking.body).toMatchObject({ code: 0, message: 'Success', choices: [{ delta: { content: '你好，小红！' }, finish_reason: 'stop' }] });
  });

  test('an end node returning variables answers them as JSON; a question interrupts with an event id that resumes it', async () => {
    const start = node('node-start');
    const ask = node('question-answer', { alias: '问答', param: { question: '喜欢哪种颜色？', answerType: 'option', optionAnswer: [{ id: 'opt-1', name: 'A', content: '红色' }, { id: 'opt-2', name: 'B', content: '蓝色' }] } });
    const end = node('node-end', { inputs: { color: ref(ask.id, 'content') }, param: { outputMode: 0 } });
    const paused = frames((await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_astron_qa', workflow: flow([start, ask, end], chain(start, ask, end)), stream: true, format: 'astron' } })).text);
    const interrupt = paused.at(-1)!;
    expect(interrupt).toMatchObject({
      code: 0,
      choices: [{ finish_reason: 'interrupt' }],
      workflow_step: { node: { id: ask.id, alias_name: '问答', finish_reason: 'interrupt' } },
      event_data: { event_type: 'interrupt', need_reply: true, value: { type: 'option', content: '喜欢哪种颜色？', option: [{ id: 'A', text: '红色' }, { id: 'B', text: '蓝色' }] } },
    });
    const target = decodeEventId(interrupt.event_data.event_id as string);
    expect(target).toEqual({ runId: interrupt.id, nodeKey: ask.id });

    const resumed = frames((await workflow.call('POST', `/workflow/runs/${target!.runId}/resume`, { body: { answer: 'B', nodeKey: target!.nodeKey, stream: true, format: 'astron' } })).text);
    const endFrame = resumed.find((frame) => frame.workflow_step?.node?.id === end.id && frame.workflow_step.node.finish_reason === 'stop');
    expect(endFrame?.choices[0].delta.content).toBe('{"color":"蓝色"}');
    expect(resumed.at(-1)).toMatchObject({ code: 0, choices: [{ finish_reason: 'stop' }] });
  });

  test('a failing run ends with a non-zero code and the reason', async () => {
    const start = node('node-start', { outputs: ['needed'] });
    start.data.outputs = [{ name: 'needed', schema: { type: 'string' }, required: true }];
    const end = node('node-end', { inputs: { value: ref(start.id, 'needed') } });
    const all = frames((await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_astron_fail', workflow: flow([start, end], chain(start, end)), stream: true, format: 'astron' } })).text);
    expect(all.at(-2)).toMatchObject({ code: 20203, message: 'the run needs the input needed', workflow_step: { node: { id: start.id } } });
    expect(all.at(-1)).toMatchObject({ code: 20203, message: 'the run needs the input needed', workflow_step: { node: null }, choices: [{ finish_reason: 'stop' }] });
  });
});
