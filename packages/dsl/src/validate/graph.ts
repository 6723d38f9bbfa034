import { isErrorHandle, normalizeHandle } from '../ids.js';
import { ERROR_STRATEGY } from '../types.js';
import type { DslEdge, DslNode } from '../types.js';
import type { NodeIndex } from './nodes.js';
import type { ProblemList } from './problems.js';
import type { Scopes } from './scopes.js';

export interface Graph {
  next: Map<string, string[]>;
  prev: Map<string, string[]>;
  /** Nodes with a path to `id` (in its own scope; edges never cross scopes). */
  upstream(id: string): Set<string>;
}

/** Checks every edge; the ones joining two nodes of one scope make the graph. */
export function buildGraph(
  edges: ReadonlyArray<{ edge: DslEdge; index: number }>,
  knownIds: ReadonlySet<string>,
  index: NodeIndex,
  scopes: Scopes,
  problems: ProblemList,
): Graph {
  const next = new Map<string, string[]>();
  const prev = new Map<string, string[]>();
  for (const { edge, index: position } of edges) {
    let dangling = false;
    for (const end of ['sourceNodeId', 'targetNodeId'] as const) {
      if (knownIds.has(edge[end])) continue;
      problems.edge('dangling-edge', edge, position, `node ${edge[end]} is not in the workflow`, end);
      dangling = true;
    }
    const source = index.byId.get(edge.sourceNodeId);
    const target = index.byId.get(edge.targetNodeId);
    if (dangling || !source || !target) continue;
    const sourceScope = scopes.parentOf.get(source.id);
    const targetScope = scopes.parentOf.get(target.id);
    if (sourceScope !== targetScope) {
      const name = (scope: string | undefined) => (scope ? `the body of ${scope}` : 'the top level');
      problems.edge('edge-crosses-scope', edge, position, `it joins ${name(sourceScope)} to ${name(targetScope)}; edges stay inside one level`);
      continue;
    }
    checkHandle(edge, position, source, index, problems);
    next.set(source.id, [...(next.get(source.id) ?? []), target.id]);
    prev.set(target.id, [...(prev.get(target.id) ?? []), source.id]);
  }
  const memo = new Map<string, Set<string>>();
  const upstream = (id: string): Set<string> => {
    let found = memo.get(id);
    if (!found) {
      found = walk(prev.get(id) ?? [], prev);
      memo.set(id, found);
    }
    return found;
  };
  return { next, prev, upstream };
}

function checkHandle(edge: DslEdge, position: number, source: DslNode, index: NodeIndex, problems: ProblemList): void {
  const handle = normalizeHandle(edge.sourceHandle);
  if (isErrorHandle(handle)) {
    if (source.data.retryConfig?.error_strategy !== ERROR_STRATEGY.failBranch) {
      problems.edge(
        'inactive-error-branch',
        edge,
        position,
        `it leaves by the error branch of ${source.id}, whose retryConfig.error_strategy is not 2, so it is never taken`,
        'sourceHandle',
      );
    }
    return;
  }
  const definition = index.definitions.get(source.id);
  const branches = definition?.branches?.(source.data.nodeParam) ?? [];
  if (branches.length === 0 || branches.includes(handle)) return;
  const detail = handle
    ? `${source.id} has no branch "${handle}"; its branches are ${branches.join(', ')}`
    : `${source.id} is a ${definition?.type} node: the edge must say which branch it leaves by (${branches.join(', ')})`;
  problems.edge('unknown-source-handle', edge, position, detail, 'sourceHandle');
}

function walk(roots: readonly string[], links: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(links.get(id) ?? []));
  }
  return seen;
}

/** Each strongly connected group of nodes is one cycle; only iteration and loop nodes repeat work. */
export function reportCycles(index: NodeIndex, graph: Graph, problems: ProblemList): void {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visit = (id: string): void => {
    order.set(id, order.size);
    low.set(id, order.get(id)!);
    stack.push(id);
    onStack.add(id);
    for (const target of graph.next.get(id) ?? []) {
      if (!order.has(target)) {
        visit(target);
        low.set(id, Math.min(low.get(id)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(id, Math.min(low.get(id)!, order.get(target)!));
      }
    }
    if (low.get(id) !== order.get(id)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== id);
    const selfLoop = (graph.next.get(id) ?? []).includes(id);
    if (group.length > 1 || selfLoop) {
      const ids = [...index.byId.keys()].filter((node) => group.includes(node));
      const path = group.length > 1 ? `${ids.join(' → ')} → ${ids[0]}` : `${id} → ${id}`;
      problems.node('cycle', ids[0]!, `edges form a cycle (${path}); repeat work with an iteration or a loop instead`);
    }
  };
  for (const id of index.byId.keys()) if (!order.has(id)) visit(id);
}

/** Nodes nothing leads to from the start (of the workflow, or of their iteration or loop body) never run. */
export function reportUnreachable(index: NodeIndex, scopes: Scopes, graph: Graph, problems: ProblemList): void {
  const typeOf = (id: string) => index.definitions.get(id)?.type;
  const topStarts = [...index.byId.keys()].filter((id) => typeOf(id) === 'node-start' && !scopes.parentOf.get(id));
  if (topStarts.length === 0) return;
  const bodyRoots = (container: string): string[] => {
    const body = scopes.bodyOf.get(container) ?? [];
    if (index.definitions.get(container)?.container === 'iteration') {
      return body.filter((id) => typeOf(id) === 'iteration-node-start');
    }
    return body.filter((id) => (graph.prev.get(id) ?? []).length === 0);
  };
  const reached = new Set<string>();
  const queue = [...topStarts];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(graph.next.get(id) ?? []), ...bodyRoots(id));
  }
  for (const [id, node] of index.byId) {
    if (reached.has(id)) continue;
    const parent = scopes.parentOf.get(id);
    if (parent && !reached.has(parent)) continue;
    const from = parent ? `the start of the body of ${parent}` : 'the start';
    problems.node('unreachable', node, `nothing leads to this node from ${from}, so it never runs`);
  }
}
