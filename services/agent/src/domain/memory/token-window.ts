import { Tiktoken } from 'js-tiktoken/lite';
import type { ChatTurn } from '../types.js';

/** Role markers and separators OpenAI adds around every message (its own counting guide says 3 to 4). */
const PER_MESSAGE = 4;

let encoder: Tiktoken | undefined;

/**
 * cl100k_base, loaded on first use: building an encoder parses its rank table (seconds of CPU for
 * o200k_base, about half that for cl100k_base), and many runs never need exact counts (see fits below).
 */
async function loadEncoder(): Promise<Tiktoken> {
  if (encoder === undefined) {
    const { default: ranks } = await import('js-tiktoken/ranks/cl100k_base');
    encoder ??= new Tiktoken(ranks);
  }
  return encoder;
}

export async function countTokens(turn: ChatTurn): Promise<number> {
  return (await loadEncoder()).encode(turn.content, 'all').length + PER_MESSAGE;
}

/** A BPE token covers at least one byte, so the byte count bounds the token count from above. */
function upperBound(turn: ChatTurn): number {
  return Buffer.byteLength(turn.content, 'utf8') + PER_MESSAGE;
}

export interface Window {
  /** The system prompt (if any) and the newest turns that fit, oldest first. */
  turns: ChatTurn[];
  /** How many of the older turns were left out. */
  dropped: number;
}

/**
 * Keeps the system prompt and the newest whole turns whose tokens fit in `budget`. The last turn (the
 * question being asked) is always kept, even alone over budget: the model, not the window, refuses then.
 */
export async function windowByTokens(system: ChatTurn | null, turns: ChatTurn[], budget: number): Promise<Window> {
  const head = system === null ? [] : [system];
  const cheapTotal = [...head, ...turns].reduce((sum, turn) => sum + upperBound(turn), 0);
  if (cheapTotal <= budget) return { turns: [...head, ...turns], dropped: 0 };

  let used = system === null ? 0 : await countTokens(system);
  const kept: ChatTurn[] = [];
  for (let index = turns.length - 1; index >= 0; index -= 1) {
    const turn = turns[index] as ChatTurn;
    const cost = await countTokens(turn);
    if (kept.length > 0 && used + cost > budget) break;
    used += cost;
    kept.unshift(turn);
  }
  return { turns: [...head, ...kept], dropped: turns.length - kept.length };
}
