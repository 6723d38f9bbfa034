import { describe, expect, it } from 'vitest';
import { interpretFrame, type ChatEvent } from '../pages/agents/chat-stream.js';
import { createSseParser, readSse } from './sse.js';

// Recorded from POST /api/agents/:id/chat against the fake model: an answer that used the calculator.
const recorded = [
  'data: {"id":"chatcmpl_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null,"logprobs":null}],"astron":{"conversationId":"cv_1"}}',
  '',
  'data: {"id":"chatcmpl_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":null,"logprobs":null}],"astron_step":{"type":"tool_call","id":"call_1","name":"calculator","arguments":{"expression":"6*7"}}}',
  '',
  'data: {"id":"chatcmpl_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":null,"logprobs":null}],"astron_step":{"type":"tool_result","id":"call_1","name":"calculator","result":"42","durationMs":3}}',
  '',
  'data: {"id":"chatcmpl_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"The answer"},"finish_reason":null,"logprobs":null}]}',
  '',
  'data: {"id":"chatcmpl_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":" is 42."},"finish_reason":null,"logprobs":null}]}',
  '',
  'data: {"id":"chatcmpl_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop","logprobs":null}]}',
  '',
  'data: {"id":"chatcmpl_1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42},"astron":{"conversationId":"cv_1","strategy":"function-calling"}}',
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

function collect(pieces: string[]): ChatEvent[] {
  const events: ChatEvent[] = [];
  const parser = createSseParser((data) => events.push(...interpretFrame(data)));
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return events;
}

const expected: ChatEvent[] = [
  { type: 'conversation', conversationId: 'cv_1' },
  {
    type: 'step',
    step: { type: 'tool_call', id: 'call_1', name: 'calculator', arguments: { expression: '6*7' } },
  },
  {
    type: 'step',
    step: { type: 'tool_result', id: 'call_1', name: 'calculator', result: '42', durationMs: 3 },
  },
  { type: 'delta', content: 'The answer' },
  { type: 'delta', content: ' is 42.' },
  { type: 'conversation', conversationId: 'cv_1' },
  { type: 'usage', usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 } },
  { type: 'done' },
];

describe('the agent stream', () => {
  it('reads text deltas, tool steps, usage and [DONE] from a recorded stream', () => {
    expect(collect([recorded])).toEqual(expected);
  });

  it('gives the same events however the bytes are cut, CRLF line ends included', () => {
    const crlf = recorded.replace(/\n/g, '\r\n');
    const pieces: string[] = [];
    for (let at = 0; at < crlf.length; at += 7) pieces.push(crlf.slice(at, at + 7));
    expect(collect(pieces)).toEqual(expected);
  });

  it('reads a fetch body, with a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode(
      'data: {"choices":[{"delta":{"content":"你好"}}]}\n\n: keep-alive\n\ndata: [DONE]',
    );
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 40));
        controller.enqueue(bytes.slice(40));
        controller.close();
      },
    });
    const events: ChatEvent[] = [];
    await readSse(body, (data) => events.push(...interpretFrame(data)));
    expect(events).toEqual([{ type: 'delta', content: '你好' }, { type: 'done' }]);
  });

  it('joins multi-line data and reports an error frame', () => {
    const events: string[] = [];
    const parser = createSseParser((data) => events.push(data));
    parser.push('event: x\ndata: a\ndata: b\n\n');
    parser.end();
    expect(events).toEqual(['a\nb']);
    expect(
      interpretFrame(
        '{"error":{"message":"the model refused the key","type":"upstream_error","code":"upstream_error"}}',
      ),
    ).toEqual([{ type: 'error', code: 'upstream_error', message: 'the model refused the key' }]);
  });
});
