import { BRANCH_PREFIX, ERROR_STRATEGY, normalizeHandle, parseNodeId } from '@astron/dsl';
import type { Draft, DraftEdge, DraftNode } from './draft.js';
import { definitionOf, isRecord, nodeById, parentOf, typeOfNode } from './draft.js';
import { uuid } from './ids.js';

/** A place an edge may leave a node by: the normal path (id null), a branch, or the error branch. */
export interface SourceHandle {
  id: string | null;
  kind: 'default' | 'branch' | 'error';
  /** What to call it: a case's position ("if", "elif", "else"), an intent's or option's name. */
  label: string;
}

const NO_SOURCE = new Set(['node-end', 'iteration-node-end']);
const NO_TARGET = new Set(['node-start', 'iteration-node-start']);

export const hasTargetHandle = (node: DraftNode): boolean => !NO_TARGET.has(typeOfNode(node));

/** The error branch's handle of a node: `fail_one_of::<the node id's uuid>`. */
export const errorHandleOf = (node: DraftNode): string =>
  `${BRANCH_PREFIX.error}${parseNodeId(node.id)?.suffix ?? node.id}`;

function branchLabel(node: DraftNode, branchId: string, index: number, count: number): string {
  const param = node.data.nodeParam;
  const lists = [param.cases, param.intentChains, param.optionAnswer];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    const item: unknown = list.find((entry) => isRecord(entry) && entry.id === branchId);
    if (!isRecord(item)) continue;
    if (list === param.cases) return item.level === 999 ? 'else' : index === 0 ? 'if' : 'elif';
    if (typeof item.name === 'string' && item.name !== '') return item.name;
  }
  return `${index + 1}/${count}`;
}

export function sourceHandlesOf(node: DraftNode): SourceHandle[] {
  const type = typeOfNode(node);
  if (NO_SOURCE.has(type)) return [];
  const definition = definitionOf(node);
  const branches = definition?.branches?.(node.data.nodeParam) ?? [];
  const handles: SourceHandle[] =
    branches.length > 0
      ? branches.map((id, index) => ({ id, kind: 'branch', label: branchLabel(node, id, index, branches.length) }))
      : [{ id: null, kind: 'default', label: '' }];
  if (definition?.errorBranch && node.data.retryConfig?.error_strategy === ERROR_STRATEGY.failBranch) {
    handles.push({ id: errorHandleOf(node), kind: 'error', label: 'error' });
  }
  return handles;
}

export interface ConnectionRequest {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

export type ConnectionProblem = 'self' | 'missing' | 'no-target' | 'no-handle' | 'scope' | 'duplicate' | 'cycle';

/** Whether `target` can reach `source` through edges: then a new source → target edge closes a cycle. */
function reaches(draft: Draft, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of draft.edges) next.set(edge.sourceNodeId, [...(next.get(edge.sourceNodeId) ?? []), edge.targetNodeId]);
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  return false;
}

/** Why an edge cannot be drawn, or null when it can (the DSL's rules: no cycles, one level, real handles). */
export function connectionProblem(draft: Draft, request: ConnectionRequest): ConnectionProblem | null {
  if (request.source === request.target) return 'self';
  const nodes = nodeById(draft);
  const source = nodes.get(request.source);
  const target = nodes.get(request.target);
  if (source === undefined || target === undefined) return 'missing';
  if (!hasTargetHandle(target)) return 'no-target';
  const handle = request.sourceHandle ?? null;
  if (!sourceHandlesOf(source).some((item) => item.id === handle)) return 'no-handle';
  if (parentOf(source) !== parentOf(target)) return 'scope';
  const duplicate = draft.edges.some(
    (edge) =>
      edge.sourceNodeId === source.id &&
      edge.targetNodeId === target.id &&
      (normalizeHandle(edge.sourceHandle) || null) === handle,
  );
  if (duplicate) return 'duplicate';
  if (reaches(draft, target.id, source.id)) return 'cycle';
  return null;
}

export function newEdge(request: ConnectionRequest): DraftEdge {
  const edge: DraftEdge = { id: `edge::${uuid()}`, sourceNodeId: request.source, targetNodeId: request.target };
  if (request.sourceHandle) edge.sourceHandle = request.sourceHandle;
  return edge;
}

/** The id the canvas and the validator give an edge: its own, else its place in the list (`edges[3]`). */
export const edgeKey = (edge: DraftEdge, index: number): string => edge.id || `edges[${index}]`;
