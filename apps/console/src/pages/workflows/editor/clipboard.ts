import type { Draft, DraftEdge, DraftNode } from './draft.js';
import { isRecord, nodeById, parentOf, typeOfNode, withDescendants } from './draft.js';
import { newNodeId, uuid } from './ids.js';

/** Copied nodes (with what is inside them) and the edges between them. */
export interface Clip {
  nodes: DraftNode[];
  edges: DraftEdge[];
}

/** A workflow has one start: it is never copied. */
const COPYABLE = (node: DraftNode) => typeOfNode(node) !== 'node-start';

export function copyNodes(draft: Draft, ids: readonly string[]): Clip | null {
  const byId = nodeById(draft);
  const roots = ids.filter((id) => byId.has(id) && COPYABLE(byId.get(id)!));
  if (roots.length === 0) return null;
  const included = withDescendants(draft, roots);
  // A node copied without its container (a body node alone) keeps its container only if that exists when pasted.
  const nodes = draft.nodes.filter((node) => included.has(node.id));
  const edges = draft.edges.filter((edge) => included.has(edge.sourceNodeId) && included.has(edge.targetNodeId));
  return structuredClone({ nodes, edges });
}

function remapRefs(value: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => remapRefs(item, ids));
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = (key === 'nodeId' || key === 'IterationStartNodeId') && typeof item === 'string' && ids.has(item) ? ids.get(item) : remapRefs(item, ids);
  }
  return result;
}

/**
 * The clip with new ids, ready to add: references, containers and edges between copied nodes follow the new ids;
 * references to nodes outside stay. Top-level nodes of the clip move by `offset`.
 */
export function pasteClip(draft: Draft, clip: Clip, offset: { x: number; y: number }): Clip {
  const ids = new Map(clip.nodes.map((node) => [node.id, newNodeId(typeOfNode(node) || 'node')]));
  const existing = nodeById(draft);
  const nodes = clip.nodes.map((node): DraftNode => {
    const copy = remapRefs(node, ids) as DraftNode;
    copy.id = ids.get(node.id)!;
    const parent = parentOf(node);
    const newParent = parent === undefined ? undefined : (ids.get(parent) ?? (existing.has(parent) ? parent : undefined));
    delete copy.parentId;
    delete copy.data.parentId;
    if (newParent !== undefined) {
      copy.parentId = newParent;
      copy.data.parentId = newParent;
    }
    const moved = newParent === undefined || !ids.has(parent ?? '');
    const position = node.position ?? { x: 0, y: 0 };
    copy.position = moved ? { x: position.x + offset.x, y: position.y + offset.y } : position;
    return copy;
  });
  const edges = clip.edges.map((edge) => ({
    ...edge,
    id: `edge::${uuid()}`,
    sourceNodeId: ids.get(edge.sourceNodeId)!,
    targetNodeId: ids.get(edge.targetNodeId)!,
  }));
  return { nodes, edges };
}
