import { typeTagOf } from '@astron/dsl';
import type { Draft, DraftNode } from './draft.js';
import { definitionOf, isRecord, nodeById, parentOf, typeOfNode } from './draft.js';

/** One value a node may read: an output (or a property of one) of a node that runs before it. */
export interface VariableOption {
  nodeId: string;
  alias: string;
  /** The output's name; `a.b` for property b of object output a. */
  name: string;
  type: string;
}

function upstreamOf(draft: Draft, nodeId: string): Set<string> {
  const previous = new Map<string, string[]>();
  for (const edge of draft.edges) previous.set(edge.targetNodeId, [...(previous.get(edge.targetNodeId) ?? []), edge.sourceNodeId]);
  const seen = new Set<string>();
  const queue = [...(previous.get(nodeId) ?? [])];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(previous.get(id) ?? []));
  }
  seen.delete(nodeId);
  return seen;
}

/**
 * The nodes `nodeId` may read, by the validator's rule: those with a path to it in its own level; inside a body
 * also the iteration's start node (or the loop's own outputs) and whatever the container may read.
 */
export function visibleNodes(draft: Draft, nodeId: string): Set<string> {
  const byId = nodeById(draft);
  const result = upstreamOf(draft, nodeId);
  const node = byId.get(nodeId);
  const parentId = node === undefined ? undefined : parentOf(node);
  const parent = parentId === undefined ? undefined : byId.get(parentId);
  if (parent !== undefined) {
    const container = definitionOf(parent)?.container;
    if (container === 'loop') result.add(parent.id);
    if (container === 'iteration') {
      for (const member of draft.nodes) {
        if (parentOf(member) === parent.id && typeOfNode(member) === 'iteration-node-start' && member.id !== nodeId) result.add(member.id);
      }
    }
    for (const outer of visibleNodes(draft, parent.id)) result.add(outer);
  }
  return result;
}

function propertiesOf(schema: Record<string, unknown>): [string, unknown][] {
  const properties = schema.properties;
  if (Array.isArray(properties)) {
    return properties.filter(isRecord).flatMap((item) => (typeof item.name === 'string' ? [[item.name, item] as [string, unknown]] : []));
  }
  return isRecord(properties) ? Object.entries(properties) : [];
}

/** A node's readable outputs: its declared ones, errorCode and errorMessage when its errors do not stop the run. */
export function outputsOf(node: DraftNode): { name: string; type: string }[] {
  const list: { name: string; type: string }[] = [];
  for (const output of node.data.outputs) {
    if (output.name === '') continue;
    list.push({ name: output.name, type: typeTagOf(output.schema) });
    if (typeTagOf(output.schema) !== 'object') continue;
    for (const [key, property] of propertiesOf(output.schema)) list.push({ name: `${output.name}.${key}`, type: typeTagOf(property) });
  }
  const strategy = node.data.retryConfig?.error_strategy ?? 0;
  if (strategy !== 0) {
    for (const name of ['errorCode', 'errorMessage']) if (!list.some((item) => item.name === name)) list.push({ name, type: 'string' });
  }
  return list;
}

/** What the variable picker of `nodeId` offers, in the order of the draft's nodes. */
export function variableOptions(draft: Draft, nodeId: string): VariableOption[] {
  const visible = visibleNodes(draft, nodeId);
  // A loop's variables may take their values from its body after each pass.
  const node = nodeById(draft).get(nodeId);
  if (node !== undefined && definitionOf(node)?.container === 'loop') {
    for (const member of draft.nodes) if (parentOf(member) === nodeId) visible.add(member.id);
  }
  return draft.nodes
    .filter((node) => visible.has(node.id))
    .flatMap((node) =>
      outputsOf(node).map((output) => ({ nodeId: node.id, alias: node.data.nodeMeta.aliasName || node.id, ...output })),
    );
}
