/** One complete Server-Sent Event with its name (`message` when it has none) and id ('' when it has none). */
export interface SseEvent {
  event: string;
  data: string;
  id: string;
}

/**
 * A small Server-Sent Events reader: feed it text as it arrives, in pieces of any size, and it calls `onEvent` with
 * every complete event (several `data:` lines joined by "\n", as the spec says), its name (`event:`) and id (`id:`,
 * which persists from event to event as the spec says); `retry:` and comments are ignored.
 */
export function createSseEventParser(onEvent: (event: SseEvent) => void) {
  let buffer = '';
  let lines: string[] = [];
  let name = '';
  let lastId = '';

  function line(text: string): void {
    if (text === '') {
      if (lines.length > 0) onEvent({ event: name === '' ? 'message' : name, data: lines.join('\n'), id: lastId });
      lines = [];
      name = '';
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') lines.push(value);
    else if (field === 'event') name = value;
    else if (field === 'id' && !value.includes('\0')) lastId = value;
  }

  return {
    push(text: string): void {
      buffer += text;
      // A "\r" at the very end may be half of "\r\n": wait for the next piece before deciding.
      const pattern = /\r\n|\r(?!$)|\n/g;
      let start = 0;
      for (let match = pattern.exec(buffer); match !== null; match = pattern.exec(buffer)) {
        line(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    },
    /** The stream ended: an event without its closing blank line is still delivered. */
    end(): void {
      if (buffer !== '') line(buffer.replace(/\r$/, ''));
      buffer = '';
      line('');
    },
  };
}

/** Reads a fetch body as named SSE events until it ends (or the fetch is aborted, which throws an AbortError). */
export async function readSseEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  const parser = createSseEventParser(onEvent);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
    parser.end();
  } finally {
    reader.releaseLock();
  }
}

/** The same reader for streams whose events carry only `data` (the agent chat): `onData` gets each event's data. */
export function createSseParser(onData: (data: string) => void) {
  return createSseEventParser((event) => onData(event.data));
}

/** Reads a fetch body as SSE until it ends (or the fetch is aborted, which throws an AbortError). */
export function readSse(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  return readSseEvents(body, (event) => onData(event.data));
}
