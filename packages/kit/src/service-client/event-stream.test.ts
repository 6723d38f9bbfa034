import { describe, expect, test } from 'vitest';
import { readEventStream } from './event-stream.js';

function streamOf(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

describe('readEventStream', () => {
  test('events split across reads, multi-line data, ids, names, comments and CRLF', async () => {
    const events = [];
    for await (const event of readEventStream(streamOf(': hello\n\nid: 1\nevent: node-', 'started\ndata: {"a":\ndata: 1}\n\r\n', 'data: [DONE]\r\n\r\n', 'data: tail'))) events.push(event);
    expect(events).toEqual([{ id: '1', event: 'node-started', data: '{"a":\n1}' }, { data: '[DONE]' }, { data: 'tail' }]);
  });

  test('a multi-byte character split between reads stays whole', async () => {
    const bytes = new TextEncoder().encode('data: 知识\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    const events = [];
    for await (const event of readEventStream(stream)) events.push(event.data);
    expect(events).toEqual(['知识']);
  });
});
