import dagre from '@dagrejs/dagre';
import type { Draft, DraftNode } from './draft.js';
import { definitionOf, nodeById, parentOf } from './draft.js';
import type { Positions } from './editor-state.js';

export const NODE_WIDTH = 240;
/** Inside a container: room for its title bar above the body, and a margin around it. */
export const CONTAINER_HEADER = 56;
export const CONTAINER_PADDING = 24;
const MIN_CONTAINER = { width: 480, height: 200 };

export interface Size {
  width: number;
  height: number;
}

/** A node's size before the canvas has measured it: wide enough for its title, tall enough for its branches. */
export function estimatedSize(node: DraftNode): Size {
  const branches = definitionOf(node)?.branches?.(node.data.nodeParam).length ?? 0;
  return { width: NODE_WIDTH, height: 72 + Math.max(0, branches - 1) * 24 };
}

const isContainer = (node: DraftNode): boolean => definitionOf(node)?.container !== undefined;

/** A container's size: around its body, at least a minimum. Body positions are relative to the container. */
export function containerSize(draft: Draft, container: DraftNode, sizes: ReadonlyMap<string, Size> = new Map()): Size {
  let width = MIN_CONTAINER.width;
  let height = MIN_CONTAINER.height;
  for (const node of draft.nodes) {
    if (parentOf(node) !== container.id) continue;
    const size = sizeOf(draft, node, sizes);
    const position = node.position ?? { x: 0, y: 0 };
    width = Math.max(width, position.x + size.width + CONTAINER_PADDING);
    height = Math.max(height, position.y + size.height + CONTAINER_PADDING);
  }
  return { width, height };
}

function sizeOf(draft: Draft, node: DraftNode, sizes: ReadonlyMap<string, Size>): Size {
  if (isContainer(node)) return containerSize(draft, node, sizes);
  return sizes.get(node.id) ?? estimatedSize(node);
}

/** Lays out one level (the top, or one body) left to right with dagre; positions are the nodes' top-left corners. */
function layoutLevel(draft: Draft, members: DraftNode[], sizes: Map<string, Size>, origin: { x: number; y: number }): Positions {
  const graph = new dagre.graphlib.Graph<object, Size & { x?: number; y?: number }>();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(members.map((node) => node.id));
  for (const node of members) graph.setNode(node.id, sizeOf(draft, node, sizes));
  for (const edge of draft.edges) {
    if (ids.has(edge.sourceNodeId) && ids.has(edge.targetNodeId)) graph.setEdge(edge.sourceNodeId, edge.targetNodeId);
  }
  dagre.layout(graph);
  const positions: Positions = {};
  for (const node of members) {
    const placed = graph.node(node.id);
    const size = sizeOf(draft, node, sizes);
    positions[node.id] = {
      x: Math.round(origin.x + (placed.x ?? 0) - size.width / 2),
      y: Math.round(origin.y + (placed.y ?? 0) - size.height / 2),
    };
  }
  return positions;
}

/**
 * Positions for every node: each body first (inside its container, below its title), then the top level with the
 * containers at their new sizes. `sizes` are the canvas's measurements, when it has them.
 */
export function autoLayout(draft: Draft, sizes: ReadonlyMap<string, Size> = new Map()): Positions {
  const known = new Map(sizes);
  let current = draft;
  const positions: Positions = {};
  const byId = nodeById(draft);
  const depth = (node: DraftNode): number => {
    const seen = new Set<string>();
    for (let parent = parentOf(node); parent !== undefined && !seen.has(parent); ) {
      seen.add(parent);
      const holder = byId.get(parent);
      parent = holder === undefined ? undefined : parentOf(holder);
    }
    return seen.size;
  };
  const containers = draft.nodes.filter(isContainer).sort((a, b) => depth(b) - depth(a));
  for (const container of containers) {
    const body = current.nodes.filter((node) => parentOf(node) === container.id);
    if (body.length === 0) continue;
    Object.assign(positions, layoutLevel(current, body, known, { x: CONTAINER_PADDING, y: CONTAINER_HEADER }));
    current = { ...current, nodes: current.nodes.map((node) => (positions[node.id] ? { ...node, position: positions[node.id] } : node)) };
  }
  const top = current.nodes.filter((node) => parentOf(node) === undefined);
  Object.assign(positions, layoutLevel(current, top, known, { x: 0, y: 0 }));
  return positions;
}
