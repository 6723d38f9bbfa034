import { normalizeHandle } from '@astron/dsl';
import type { Edge, Node } from '@xyflow/react';
import type { SourceHandle } from '../editor/connections.js';
import { edgeKey, hasTargetHandle, sourceHandlesOf } from '../editor/connections.js';
import type { Draft, DraftEdge, DraftNode } from '../editor/draft.js';
import { definitionOf, nodeById, parentOf, typeOfNode } from '../editor/draft.js';
import { containerSize, type Size } from '../editor/layout.js';
import type { ProblemIndex } from '../editor/problems.js';
import { worstSeverity } from '../editor/problems.js';
import type { NodeRunStatus } from '../run/run-state.js';

/** What a node of the canvas draws: the DSL node and what the editor knows about it. */
export interface CanvasNodeData extends Record<string, unknown> {
  node: DraftNode;
  type: string;
  handles: SourceHandle[];
  hasTarget: boolean;
  severity: 'error' | 'warning' | null;
  problemCount: number;
  status: NodeRunStatus | undefined;
}

export type CanvasFlowNode = Node<CanvasNodeData, 'workflow' | 'container'>;
export type CanvasFlowEdge = Edge<{ severity: 'error' | 'warning' | null }>;

export interface FlowInputs {
  draft: Draft;
  selection: ReadonlySet<string>;
  problems: ProblemIndex;
  statuses: ReadonlyMap<string, NodeRunStatus>;
  editable: boolean;
  /** The canvas's measurements, so a rebuilt node does not have to be measured again. */
  sizes: ReadonlyMap<string, Size>;
}

const EDGE_COLOR = { error: '#dc2626', warning: '#d97706' } as const;

/** A problem colours an edge; the error branch is dashed. */
function edgeStyle(severity: 'error' | 'warning' | null, errorBranch: boolean) {
  return {
    ...(severity === null ? {} : { stroke: EDGE_COLOR[severity], strokeWidth: 2 }),
    ...(errorBranch ? { strokeDasharray: '6 4' } : {}),
  };
}

interface Cached<T> {
  key: string;
  value: T;
}

/**
 * Builds xyflow's nodes and edges from the draft. An unchanged DSL node with the same selection, problems, run
 * status and size gives back the same object, so xyflow re-renders only what changed (200 nodes stay smooth).
 */
export function createFlowModel() {
  let nodeCache = new WeakMap<DraftNode, Cached<CanvasFlowNode>>();
  let edgeCache = new WeakMap<DraftEdge, Cached<CanvasFlowEdge>>();

  function depthOf(byId: Map<string, DraftNode>, node: DraftNode): number {
    const seen = new Set<string>();
    for (let parent = parentOf(node); parent !== undefined && !seen.has(parent); ) {
      seen.add(parent);
      const holder = byId.get(parent);
      parent = holder === undefined ? undefined : parentOf(holder);
    }
    return seen.size;
  }

  function nodes({ draft, selection, problems, statuses, editable, sizes }: FlowInputs): CanvasFlowNode[] {
    const byId = nodeById(draft);
    const result = draft.nodes.map((node): [number, CanvasFlowNode] => {
      const container = definitionOf(node)?.container !== undefined;
      const size = container ? containerSize(draft, node, sizes) : undefined;
      const nodeProblems = problems.byNode.get(node.id);
      const severity = worstSeverity(nodeProblems);
      const status = statuses.get(node.id);
      const selected = selection.has(node.id);
      const parent = parentOf(node);
      const validParent = parent !== undefined && byId.has(parent) ? parent : undefined;
      // xyflow's mini-map draws a node only from the size on the node it is given: a new measurement rebuilds it.
      const measured = container ? undefined : sizes.get(node.id);
      const key = [selected, severity, nodeProblems?.length ?? 0, status, size?.width, size?.height, measured?.width, measured?.height, editable, validParent].join('|');
      const cached = nodeCache.get(node);
      if (cached !== undefined && cached.key === key) return [depthOf(byId, node), cached.value];
      const value: CanvasFlowNode = {
        id: node.id,
        type: container ? 'container' : 'workflow',
        position: node.position ?? { x: 0, y: 0 },
        data: {
          node,
          type: typeOfNode(node),
          handles: sourceHandlesOf(node),
          hasTarget: hasTargetHandle(node),
          severity,
          problemCount: nodeProblems?.length ?? 0,
          status,
        },
        selected,
        deletable: editable && typeOfNode(node) !== 'node-start',
        draggable: editable,
        ...(validParent === undefined ? {} : { parentId: validParent, extent: 'parent' as const }),
        ...(size === undefined ? {} : { style: { width: size.width, height: size.height }, width: size.width, height: size.height }),
        ...(measured === undefined ? {} : { measured }),
      };
      nodeCache.set(node, { key, value });
      return [depthOf(byId, node), value];
    });
    // xyflow wants a container before the nodes inside it.
    return result.sort((a, b) => a[0] - b[0]).map(([, value]) => value);
  }

  function edges({ draft, problems, editable }: Pick<FlowInputs, 'draft' | 'problems' | 'editable'>): CanvasFlowEdge[] {
    return draft.edges.map((edge, index) => {
      const id = edgeKey(edge, index);
      const severity = worstSeverity(problems.byEdge.get(id));
      const key = [id, severity, editable].join('|');
      const cached = edgeCache.get(edge);
      if (cached !== undefined && cached.key === key) return cached.value;
      const handle = normalizeHandle(edge.sourceHandle);
      const value: CanvasFlowEdge = {
        id,
        source: edge.sourceNodeId,
        target: edge.targetNodeId,
        sourceHandle: handle === '' ? null : handle,
        deletable: editable,
        data: { severity },
        ...(severity === null && !handle.includes('fail_one_of') ? {} : { style: edgeStyle(severity, handle.includes('fail_one_of')) }),
      };
      edgeCache.set(edge, { key, value });
      return value;
    });
  }

  return {
    nodes,
    edges,
    reset() {
      nodeCache = new WeakMap();
      edgeCache = new WeakMap();
    },
  };
}
