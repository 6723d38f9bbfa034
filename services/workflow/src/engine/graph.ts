import { badRequest } from '@astron/kit/errors';
import type { ValueSource } from './variables.js';

/** The parts of a DSL node the engine reads (packages/dsl checks the whole document before a run exists). */
export interface EngineNodeInput {
  id: string;
  /** The iteration or loop whose body holds this node (the original console writes it on the node and in data). */
  parentId?: string;
  data: {
    parentId?: string;
    nodeMeta?: { aliasName?: string };
    inputs?: { id?: string; name: string; schema: { type?: string; value: ValueSource } }[];
    outputs?: { name: string; schema?: Record<string, unknown>; required?: boolean }[];
    nodeParam?: Record<string, unknown>;
    retryConfig?: Partial<RetryConfig>;
  };
}

export interface EngineEdgeInput {
  sourceNodeId: string;
  targetNodeId: string;
  sourceHandle?: string | null;
}

export interface WorkflowDocument {
  nodes: EngineNodeInput[];
  edges: EngineEdgeInput[];
}

/** The original's retryConfig: timeout in seconds; error_strategy 0 fails the run, 1 returns custom_output, 2 takes the failure branch. */
export interface RetryConfig {
  timeout: number;
  should_retry: boolean;
  max_retries: number;
  error_strategy: 0 | 1 | 2;
  custom_output: Record<string, unknown>;
}

export interface CompiledNode {
  id: string;
  type: string;
  aliasName: string;
  /** `id` is the input item's id, which if-else conditions name (leftVarIndex / rightVarIndex). */
  inputs: { id: string; name: string; type: string | undefined; value: ValueSource }[];
  outputs: { name: string; schema: Record<string, unknown>; required: boolean }[];
  param: Record<string, unknown>;
  retry: RetryConfig;
}

export interface CompiledEdge {
  source: string;
  target: string;
  /** The branch it leaves by (an if-else case id, a decision intent id); null for a plain edge. */
  handle: string | null;
  /** Taken only when the source failed under error_strategy 2. */
  onFailure: boolean;
}

/** The nodes that run together: the top level from node-start, or the body of one iteration or loop. */
export interface Scope {
  /** The first node (node-start, iteration-node-start); null for a loop body, which starts at its nodes without incoming edges. */
  root: string | null;
  members: Set<string>;
  incoming: Map<string, CompiledEdge[]>;
  /** The node whose outputs are the scope's result: node-end at the top, the body's end node inside. */
  end: string | null;
}

export interface CompiledGraph {
  nodes: Map<string, CompiledNode>;
  top: Scope;
  /** Bodies by the id of the iteration or loop node that owns them. */
  bodies: Map<string, Scope>;
}

const DEFAULT_RETRY: RetryConfig = { timeout: 60, should_retry: false, max_retries: 0, error_strategy: 0, custom_output: {} };


export const nodeTypeOf = (id: string): string => id.split('::')[0] ?? '';

function normalizeHandle(handle: string | null | undefined): string | null {
  if (handle === null || handle === undefined || handle === '') return null;
  // The original's decision edges leave by `intent_chain|<intent id>`.
  return handle.startsWith('intent_chain|') ? (handle.split('|')[1] ?? null) : handle;
}

function compileNode(node: EngineNodeInput): CompiledNode {
  const retry = { ...DEFAULT_RETRY, ...node.data.retryConfig };
  return {
    id: node.id,
    type: nodeTypeOf(node.id),
    aliasName: node.data.nodeMeta?.aliasName ?? node.id,
    inputs: (node.data.inputs ?? []).map((input) => ({ id: input.id ?? '', name: input.name, type: input.schema.type, value: input.schema.value })),
    outputs: (node.data.outputs ?? []).map((output) => ({ name: output.name, schema: output.schema ?? {}, required: output.required === true })),
    param: node.data.nodeParam ?? {},
    retry: { ...retry, error_strategy: [0, 1, 2].includes(Number(retry.error_strategy)) ? (Number(retry.error_strategy) as 0 | 1 | 2) : 0 },
  };
}

function reachable(root: string, outgoing: Map<string, CompiledEdge[]>): Set<string> {
  const seen = new Set<string>([root]);
  const queue = [root];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const edge of outgoing.get(next) ?? []) {
      if (!seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return seen;
}

function scopeOf(root: string | null, members: Set<string>, edges: CompiledEdge[], end: string | null): Scope {
  const incoming = new Map<string, CompiledEdge[]>();
  for (const edge of edges) {
    if (!members.has(edge.source) || !members.has(edge.target)) continue;
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  }
  return { root, members, incoming, end };
}

/**
 * The run-time shape of a workflow: nodes by id, the top scope, and one scope per iteration or loop body. The
 * document was validated when it was saved; what can still be wrong here (it came from an old version) is refused.
 */
export function compileGraph(document: WorkflowDocument): CompiledGraph {
  const nodes = new Map(document.nodes.map((node) => [node.id, compileNode(node)]));
  const edges: CompiledEdge[] = document.edges.map((edge) => {
    const handle = normalizeHandle(edge.sourceHandle);
    return { source: edge.sourceNodeId, target: edge.targetNodeId, handle, onFailure: handle?.includes('fail_one_of') === true };
  });
  const outgoing = new Map<string, CompiledEdge[]>();
  for (const edge of edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);

  const start = [...nodes.values()].find((node) => node.type === 'node-start');
  if (start === undefined) throw badRequest('the workflow has no node-start', undefined, 'workflow_invalid');
  const bodies = new Map<string, Scope>();
  const inBodies = new Set<string>();
  for (const node of nodes.values()) {
    let scope: Scope | null = null;
    if (node.type === 'iteration') {
      // The body is what its iteration-node-start reaches, up to the iteration-node-end.
      const root = node.param.IterationStartNodeId;
      if (typeof root !== 'string' || !nodes.has(root)) throw badRequest(`${node.id}: nodeParam.IterationStartNodeId names no node of the workflow`, undefined, 'workflow_invalid');
      const members = reachable(root, outgoing);
      scope = scopeOf(root, members, edges, [...members].find((id) => nodeTypeOf(id) === 'iteration-node-end') ?? null);
    } else if (node.type === 'loop') {
      // The body is the nodes whose parentId is the loop; it has no start or end node of its own.
      const members = new Set(document.nodes.filter((item) => (item.parentId ?? item.data.parentId) === node.id).map((item) => item.id));
      if (members.size === 0) throw badRequest(`${node.id}: the loop has no body`, undefined, 'workflow_invalid');
      scope = scopeOf(null, members, edges, null);
    }
    if (scope === null) continue;
    bodies.set(node.id, scope);
    for (const member of scope.members) inBodies.add(member);
  }
  const topMembers = new Set([...reachable(start.id, outgoing)].filter((id) => !inBodies.has(id)));
  const end = [...topMembers].find((id) => nodeTypeOf(id) === 'node-end') ?? null;
  if (end === null) throw badRequest('no node-end is reachable from node-start', undefined, 'workflow_invalid');
  return { nodes, top: scopeOf(start.id, topMembers, edges, end), bodies };
}
