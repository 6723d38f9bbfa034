import { describe, expect, test } from 'vitest';
import { finalAnswerStreamer, parseReactTurn } from './react-parser.js';

describe('ReAct parsing', () => {
  test('an action with its thought and JSON input; an invented observation is cut off', () => {
    const turn = parseReactTurn('Thought: I need the time.\nAction: current_time\nAction Input: {"timezone": "UTC"}\nObservation: 12:00\nFinal Answer: noon');
    expect(turn).toEqual({
      kind: 'action',
      thought: 'I need the time.',
      tool: 'current_time',
      input: '{"timezone": "UTC"}',
      text: 'Thought: I need the time.\nAction: current_time\nAction Input: {"timezone": "UTC"}',
    });
  });

  test('fenced or chatty inputs and decorated tool names are read', () => {
    const turn = parseReactTurn('**Action:** `calculator`\nAction Input: ```json\n{"expression": "2^10"}\n```');
    expect(turn).toMatchObject({ kind: 'action', tool: 'calculator', input: '{"expression": "2^10"}' });
    expect(parseReactTurn('Action: calculator\nAction Input: here you go {"expression": "1+1"} thanks')).toMatchObject({ input: '{"expression": "1+1"}' });
  });

  test('a final answer, and plain text without the protocol', () => {
    expect(parseReactTurn('Thought: done\nFinal Answer:  It is 42.\n')).toEqual({ kind: 'final', thought: 'done', answer: 'It is 42.' });
    expect(parseReactTurn('Just 42.')).toEqual({ kind: 'none', text: 'Just 42.' });
  });

  test('only the final answer streams, even when the marker is split across deltas', () => {
    const emitted: string[] = [];
    const streamer = finalAnswerStreamer((text) => emitted.push(text));
    for (const piece of ['Thought: ok\nFinal ', 'Ans', 'wer: ', ' It ', 'is 42.']) streamer.push(piece);
    expect(emitted.join('')).toBe('It is 42.');
    expect(streamer.emitted()).toBe(true);

    const silent: string[] = [];
    const acting = finalAnswerStreamer((text) => silent.push(text));
    for (const piece of ['Action: calculator\nAction Input: {}', '\nFinal Answer: made up']) acting.push(piece);
    expect(silent).toEqual([]);
  });
});
