import { getNodeDefinition, nodeTypeOf, type NodeDefinition } from '@astron/dsl';
import type { WorkflowDraft } from '../../../api/types.js';

/**
 * The draft as the editor holds it: packages/dsl's envelope with every container present (inputs, outputs,
 * nodeParam), every unknown key kept. Updates are immutable: an unchanged node keeps its object, which is what
 * lets the canvas skip it when it renders again.
 */
export interface RefContent {
  nodeId: string;
  name: string;
  id?: string;
  [key: string]: unknown;
}

export type InputValue =
  | { type: 'ref'; content: RefContent; [key: string]: unknown }
  | { type: 'literal'; content: unknown; [key: string]: unknown };

export interface DraftInput {
  id: string;
  name: string;
  schema: { type: string; value: InputValue; [key: string]: unknown };
  [key: string]: unknown;
}

export interface DraftOutput {
  id: string;
  name: string;
  schema: { type: string; [key: string]: unknown };
  required?: boolean;
  [key: string]: unknown;
}

export interface RetryConfigDraft {
  timeout?: number;
  should_retry?: boolean;
  max_retries?: number;
  error_strategy?: 0 | 1 | 2;
  custom_output?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface NodeData {
  nodeMeta: { nodeType: string; aliasName: string; [key: string]: unknown };
  inputs: DraftInput[];
  outputs: DraftOutput[];
  nodeParam: Record<string, unknown>;
  retryConfig?: RetryConfigDraft;
  parentId?: string;
  [key: string]: unknown;
}

export interface DraftNode {
  id: string;
  data: NodeData;
  position?: { x: number; y: number };
  parentId?: string;
  [key: string]: unknown;
}

export interface DraftEdge {
  sourceNodeId: string;
  targetNodeId: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  id?: string;
  [key: string]: unknown;
}

export interface Draft {
  nodes: DraftNode[];
  edges: DraftEdge[];
  [key: string]: unknown;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

function normalizeNode(raw: Record<string, unknown>, index: number): DraftNode {
  const data = isRecord(raw.data) ? raw.data : {};
  const meta = isRecord(data.nodeMeta) ? data.nodeMeta : {};
  return {
    ...raw,
    id: text(raw.id, `node-${index}`),
    data: {
      ...data,
      nodeMeta: { ...meta, nodeType: text(meta.nodeType), aliasName: text(meta.aliasName) },
      inputs: (Array.isArray(data.inputs) ? data.inputs.filter(isRecord) : []) as DraftInput[],
      outputs: (Array.isArray(data.outputs) ? data.outputs.filter(isRecord) : []) as DraftOutput[],
      nodeParam: isRecord(data.nodeParam) ? data.nodeParam : {},
    },
  };
}

/** The hub's draft made safe to edit: containers filled in, anything that is not an object left out. */
export function normalizeDraft(raw: WorkflowDraft | undefined): Draft {
  const nodes = Array.isArray(raw?.nodes) ? raw.nodes.filter(isRecord) : [];
  const edges = Array.isArray(raw?.edges) ? raw.edges.filter(isRecord) : [];
  return {
    ...raw,
    nodes: nodes.map(normalizeNode),
    edges: edges.map((edge) => ({
      ...edge,
      sourceNodeId: text(edge.sourceNodeId),
      targetNodeId: text(edge.targetNodeId),
    })),
  };
}

export const typeOfNode = (node: Pick<DraftNode, 'id'>): string => nodeTypeOf(node.id) ?? '';

export const definitionOf = (node: Pick<DraftNode, 'id'>): NodeDefinition | undefined =>
  getNodeDefinition(typeOfNode(node));

/** The container (iteration or loop) of a node; undefined at the top level. */
export const parentOf = (node: DraftNode): string | undefined => node.parentId || node.data.parentId || undefined;

export function nodeById(draft: Draft): Map<string, DraftNode> {
  return new Map(draft.nodes.map((node) => [node.id, node]));
}

/** The draft with one node replaced by `update(node)`; the same draft when the node is not there. */
export function updateNode(draft: Draft, nodeId: string, update: (node: DraftNode) => DraftNode): Draft {
  let changed = false;
  const nodes = draft.nodes.map((node) => {
    if (node.id !== nodeId) return node;
    const next = update(node);
    if (next !== node) changed = true;
    return next;
  });
  return changed ? { ...draft, nodes } : draft;
}

export function updateData(draft: Draft, nodeId: string, update: (data: NodeData) => NodeData): Draft {
  return updateNode(draft, nodeId, (node) => {
    const data = update(node.data);
    return data === node.data ? node : { ...node, data };
  });
}

/** The nodes and everything inside them, at any depth. */
export function withDescendants(draft: Draft, ids: Iterable<string>): Set<string> {
  const result = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of draft.nodes) {
      const parent = parentOf(node);
      if (parent !== undefined && result.has(parent) && !result.has(node.id)) {
        result.add(node.id);
        grew = true;
      }
    }
  }
  return result;
}

/** What the hub stores: the draft itself (it is already the DSL envelope with the canvas's extras). */
export const toWorkflowDraft = (draft: Draft): WorkflowDraft => draft;
