import { lastUserText } from './tokens.js';
import type { ChatRequest, RecordedRequest, ReplyBody, ReplyFunction, ScriptedReply } from './types.js';

export interface ReplyQueue {
  push(replies: ScriptedReply[]): void;
  /** Removes and returns the reply for this request: see `pickIndex` for the order. */
  take(request: ChatRequest, recorded: RecordedRequest): Promise<ReplyBody>;
  setDefault(reply: ReplyBody | ReplyFunction | undefined): void;
  size(): number;
  clear(): void;
}

/** With nothing scripted every call gets this, so benchmarks need no script. */
export function echoReply(request: ChatRequest): ReplyBody {
  return { content: `echo: ${lastUserText(request)}` };
}

export function createReplyQueue(): ReplyQueue {
  let queued: ScriptedReply[] = [];
  let fallback: ReplyBody | ReplyFunction | undefined;

  return {
    push(replies) {
      queued.push(...replies);
    },
    async take(request, recorded) {
      const index = pickIndex(queued, request, recorded);
      const reply = index === -1 ? (fallback ?? echoReply) : queued.splice(index, 1)[0];
      if (reply === undefined) return echoReply(request);
      return typeof reply === 'function' ? await reply(request, recorded) : withoutMatcher(reply);
    },
    setDefault(reply) {
      fallback = reply;
    },
    size: () => queued.length,
    clear() {
      queued = [];
      fallback = undefined;
    },
  };
}

/**
 * A matcher that accepts the request wins over a reply without one, so a test that routes by content is
 * not robbed by another test's plain reply; among equals the oldest goes first.
 */
function pickIndex(queued: ScriptedReply[], request: ChatRequest, recorded: RecordedRequest): number {
  const matched = queued.findIndex(
    (reply) => typeof reply !== 'function' && reply.match !== undefined && reply.match(request, recorded),
  );
  if (matched !== -1) return matched;
  return queued.findIndex((reply) => typeof reply === 'function' || reply.match === undefined);
}

function withoutMatcher(reply: Exclude<ScriptedReply, ReplyFunction>): ReplyBody {
  const { match: _match, ...body } = reply;
  return body;
}
