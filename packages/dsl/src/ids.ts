/**
 * Identifiers as the original astron-agent writes them.
 *
 * A node id is `<node type>::<suffix>` (a uuid in practice); the type is always read from the id, never from
 * `nodeMeta.nodeType`, which holds a palette label. Branch handles are `branch_one_of::…` (if-else cases),
 * `intent-one-of::…` (decision-making intents), `option-one-of::…` (question-answer options); the error branch is
 * `fail_one_of::…` and the normal path of a node with an error branch is `normal_one_of::…`. The original console
 * prefixes some handles with `intent_chain|` when it sends a flow to the engine.
 */
const NODE_ID = /^([a-z][a-z0-9-]*)::(\S+)$/;

export function parseNodeId(id: string): { type: string; suffix: string } | null {
  const match = NODE_ID.exec(id);
  return match ? { type: match[1]!, suffix: match[2]! } : null;
}

/** The node type part of an id, or null when the id does not have the `<type>::<suffix>` form. */
export function nodeTypeOf(id: string): string | null {
  return parseNodeId(id)?.type ?? null;
}

const HANDLE_PREFIX = 'intent_chain|';

/** A source handle without the engine-side `intent_chain|` prefix; '' when absent. */
export function normalizeHandle(handle: string | null | undefined): string {
  if (!handle) return '';
  return handle.startsWith(HANDLE_PREFIX) ? handle.slice(HANDLE_PREFIX.length) : handle;
}

export const isErrorHandle = (handle: string): boolean => handle.includes('fail_one_of');
export const isNormalHandle = (handle: string): boolean => handle.includes('normal_one_of');

export const BRANCH_PREFIX = {
  case: 'branch_one_of::',
  intent: 'intent-one-of::',
  option: 'option-one-of::',
  error: 'fail_one_of::',
  normal: 'normal_one_of::',
} as const;
