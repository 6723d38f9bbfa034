/** One ReAct turn of the model, read off its text. */
export type ReactTurn =
  | { kind: 'action'; thought: string; tool: string; input: string; /** The turn up to the end of Action Input, for the transcript. */ text: string }
  | { kind: 'final'; thought: string; answer: string }
  | { kind: 'none'; text: string };

export const FINAL_ANSWER = /Final\s*Answer\s*:/i;
const ACTION = /^[ \t*]*Action\s*\d*\s*:[ \t]*(.*)$/im;
const ACTION_INPUT = /Action\s*\d*\s*Input\s*\d*\s*:/i;
// Models without stop sequences often go on to invent the observation; nothing after it is theirs to say.
const OBSERVATION = /\n[ \t*]*Observation\s*:/i;

function cleanThought(text: string): string {
  return text.replace(/^\s*\**\s*Thought\s*:\s*/i, '').trim();
}

function cleanToolName(text: string): string {
  return text.replace(/^[\s`"'[*]+|[\s`"'\]*.]+$/g, '');
}

/** The JSON object inside an Action Input, tolerating code fences and chatter around it. */
export function extractJsonText(text: string): string {
  const unfenced = text.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '').trim();
  try {
    JSON.parse(unfenced);
    return unfenced;
  } catch {
    const start = unfenced.indexOf('{');
    const end = unfenced.lastIndexOf('}');
    if (start >= 0 && end > start) {
      const candidate = unfenced.slice(start, end + 1);
      try {
        JSON.parse(candidate);
        return candidate;
      } catch {
        // fall through: the tool call reports the broken JSON to the model
      }
    }
    return unfenced;
  }
}

export function parseReactTurn(raw: string): ReactTurn {
  const observation = OBSERVATION.exec(raw);
  const text = observation === null ? raw : raw.slice(0, observation.index);
  const final = FINAL_ANSWER.exec(text);
  const action = ACTION.exec(text);
  if (action !== null && (final === null || action.index < final.index)) {
    const afterAction = text.slice(action.index + action[0].length);
    const inputMarker = ACTION_INPUT.exec(afterAction);
    let input = '';
    let end = action.index + action[0].length;
    if (inputMarker !== null) {
      const start = inputMarker.index + inputMarker[0].length;
      const rest = afterAction.slice(start);
      const stop = FINAL_ANSWER.exec(rest);
      input = stop === null ? rest : rest.slice(0, stop.index);
      end += start + input.length;
    }
    return { kind: 'action', thought: cleanThought(text.slice(0, action.index)), tool: cleanToolName(action[1] ?? ''), input: extractJsonText(input), text: text.slice(0, end).trim() };
  }
  if (final !== null) {
    return { kind: 'final', thought: cleanThought(text.slice(0, final.index)), answer: text.slice(final.index + final[0].length).trim() };
  }
  return { kind: 'none', text: text.trim() };
}

/**
 * Streams only the final answer: text is held until "Final Answer:" shows, then passed on as it comes.
 * An Action before the marker means this turn calls a tool, so nothing of it is passed on.
 */
export function finalAnswerStreamer(emit: (text: string) => void): { push(text: string): void; emitted(): boolean } {
  let buffer = '';
  let start = -1;
  let sent = 0;
  let blocked = false;
  return {
    push(text) {
      buffer += text;
      if (blocked) return;
      if (start < 0) {
        const final = FINAL_ANSWER.exec(buffer);
        const action = ACTION.exec(buffer);
        if (action !== null && (final === null || action.index < final.index)) {
          blocked = true;
          return;
        }
        if (final === null) return;
        let index = final.index + final[0].length;
        while (index < buffer.length && /\s/.test(buffer[index] ?? '')) index += 1;
        if (index >= buffer.length) return;
        start = index;
        sent = index;
      }
      if (OBSERVATION.test(buffer.slice(start))) {
        blocked = true;
        return;
      }
      if (buffer.length > sent) {
        emit(buffer.slice(sent));
        sent = buffer.length;
      }
    },
    emitted: () => start >= 0 && sent > start,
  };
}
