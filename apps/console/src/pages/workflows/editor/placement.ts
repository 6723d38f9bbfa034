import type { Draft } from './draft.js';
import { definitionOf, nodeById, parentOf } from './draft.js';
import { CONTAINER_HEADER, CONTAINER_PADDING, estimatedSize } from './layout.js';

/**
 * Where a node added from the palette by a click goes: into the selected iteration or loop (or the one the
 * selected node is in), below what is there; else at the middle of the view, moved aside from nodes already there.
 */
export function placeNewNode(
  draft: Draft,
  selection: readonly string[],
  viewCenter: () => { x: number; y: number },
): { position: { x: number; y: number }; parentId?: string } {
  const byId = nodeById(draft);
  const picked = selection.length === 1 ? byId.get(selection[0]!) : undefined;
  const container = picked === undefined ? undefined : definitionOf(picked)?.container !== undefined ? picked : byId.get(parentOf(picked) ?? '');
  if (container !== undefined) {
    const body = draft.nodes.filter((node) => parentOf(node) === container.id);
    const bottom = Math.max(CONTAINER_HEADER - 24, ...body.map((node) => (node.position?.y ?? 0) + estimatedSize(node).height));
    return { position: { x: CONTAINER_PADDING, y: bottom + 24 }, parentId: container.id };
  }
  const center = viewCenter();
  const position = { x: Math.round(center.x - 120), y: Math.round(center.y - 36) };
  const taken = (x: number, y: number) =>
    draft.nodes.some((node) => parentOf(node) === undefined && Math.abs((node.position?.x ?? 0) - x) < 16 && Math.abs((node.position?.y ?? 0) - y) < 16);
  while (taken(position.x, position.y)) {
    position.x += 32;
    position.y += 32;
  }
  return { position };
}
