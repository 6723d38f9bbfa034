/** One Server-Sent Event as read from a stream: `data` is the joined data lines, as sent (not JSON-parsed). */
export interface ReadEvent {
  id?: string;
  event?: string;
  data: string;
}

/**
 * The events of a text/event-stream body as they arrive (WHATWG rules: blocks end at a blank line, `data` lines
 * join with newlines, comments and blocks without data are skipped, CRLF and CR line ends accepted).
 */
export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ReadEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let current: { id?: string; event?: string; data: string[] } = { data: [] };
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = done ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (line === '') {
          if (current.data.length > 0) yield { ...(current.id === undefined ? {} : { id: current.id }), ...(current.event === undefined ? {} : { event: current.event }), data: current.data.join('\n') };
          current = { data: [] };
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') current.data.push(value);
        else if (field === 'event') current.event = value;
        else if (field === 'id') current.id = value;
      }
      if (done) break;
    }
    if (current.data.length > 0) yield { ...(current.id === undefined ? {} : { id: current.id }), ...(current.event === undefined ? {} : { event: current.event }), data: current.data.join('\n') };
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
