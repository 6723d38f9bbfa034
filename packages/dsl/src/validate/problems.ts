import type { DslEdge, DslNode } from '../types.js';

export type Severity = 'error' | 'warning';

export type ProblemCode =
  | 'invalid-structure'
  | 'invalid-node-id'
  | 'unknown-node-type'
  | 'duplicate-node-id'
  | 'invalid-node-param'
  | 'unknown-condition-variable'
  | 'unknown-input'
  | 'missing-model'
  | 'duplicate-name'
  | 'invalid-retry-config'
  | 'invalid-parent'
  | 'invalid-iteration-start'
  | 'misplaced-node'
  | 'empty-body'
  | 'missing-start'
  | 'duplicate-start'
  | 'missing-end'
  | 'dangling-edge'
  | 'edge-crosses-scope'
  | 'unknown-source-handle'
  | 'inactive-error-branch'
  | 'cycle'
  | 'unreachable'
  | 'missing-ref-node'
  | 'missing-ref-output'
  | 'ref-not-upstream'
  | 'type-mismatch';

/**
 * One thing wrong with a workflow. `field` is a path inside the node (`data.nodeParam.maxTokens`,
 * `data.inputs[0].schema.value.content`) or the edge (`sourceHandle`); for invalid-structure it is the path from
 * the workflow's root (`nodes[2].data.nodeMeta`).
 */
export interface Problem {
  severity: Severity;
  code: ProblemCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
}

const WARNINGS: readonly ProblemCode[] = ['unreachable', 'inactive-error-branch'];

export class ProblemList {
  readonly items: Problem[] = [];

  add(code: ProblemCode, message: string, where: { nodeId?: string; edgeId?: string; field?: string } = {}): void {
    const problem: Problem = { severity: WARNINGS.includes(code) ? 'warning' : 'error', code, message };
    if (where.nodeId !== undefined) problem.nodeId = where.nodeId;
    if (where.edgeId !== undefined) problem.edgeId = where.edgeId;
    if (where.field !== undefined && where.field !== '') problem.field = where.field;
    this.items.push(problem);
  }

  /** A problem of a node, its message starting with the node (and field) a person has to fix. */
  node(code: ProblemCode, node: DslNode | string, detail: string, field?: string): void {
    const id = typeof node === 'string' ? node : node.id;
    const where = field ? `${nodeLabel(node)}, ${field}` : nodeLabel(node);
    this.add(code, `${where}: ${detail}`, { nodeId: id, ...(field ? { field } : {}) });
  }

  edge(code: ProblemCode, edge: DslEdge, index: number, detail: string, field?: string): void {
    this.add(code, `Edge ${edge.sourceNodeId} → ${edge.targetNodeId}${field ? `, ${field}` : ''}: ${detail}`, {
      edgeId: edgeIdOf(edge, index),
      ...(field ? { field } : {}),
    });
  }
}

export function nodeLabel(node: DslNode | string): string {
  if (typeof node === 'string') return `Node ${node}`;
  const alias = node.data.nodeMeta.aliasName;
  return alias ? `Node ${node.id} ("${alias}")` : `Node ${node.id}`;
}

/** The edge's id, or its position in the edge list when it has none. */
export const edgeIdOf = (edge: { id?: string | undefined }, index: number): string => edge.id || `edges[${index}]`;

/** `['data', 'inputs', 0, 'name']` → `data.inputs[0].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    const name = String(key);
    return text ? `${text}.${name}` : name;
  }, '');
}
