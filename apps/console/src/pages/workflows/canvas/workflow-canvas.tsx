import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useState, type Dispatch, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { connectionProblem, newEdge } from '../editor/connections.js';
import type { Draft } from '../editor/draft.js';
import type { EditorAction, Positions } from '../editor/editor-state.js';
import type { Size } from '../editor/layout.js';
import type { ProblemIndex } from '../editor/problems.js';
import type { NodeRunStatus } from '../run/run-state.js';
import { CanvasNode } from './canvas-node.js';
import { createFlowModel, type CanvasFlowEdge, type CanvasFlowNode } from './flow-model.js';
import { DRAG_TYPE } from './palette.js';

const nodeTypes = { workflow: CanvasNode, container: CanvasNode };
const DELETE_KEYS = ['Backspace', 'Delete'];
/** Big workflows draw only what is in view; small ones draw everything (the minimap and tests see it all). */
const VIRTUALIZE_ABOVE = 60;

export interface WorkflowCanvasProps {
  draft: Draft;
  selection: readonly string[];
  problems: ProblemIndex;
  statuses: ReadonlyMap<string, NodeRunStatus>;
  editable: boolean;
  /** Measured node sizes, kept for auto-layout and for nodes built again. */
  sizes: Map<string, Size>;
  dispatch: Dispatch<EditorAction>;
  onDropType: (type: string, position: { x: number; y: number }, parentId?: string) => void;
}

/** The xyflow canvas over the editor's state: every change it reports becomes an action of the editor. */
export function WorkflowCanvas({ draft, selection, problems, statuses, editable, sizes, dispatch, onDropType }: WorkflowCanvasProps) {
  const { t } = useTranslation();
  const flow = useReactFlow<CanvasFlowNode, CanvasFlowEdge>();
  const model = useMemo(createFlowModel, []);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  // Counts new measurements, so the model hands them to xyflow (`sizes` itself is a mutable map, no state).
  const [measurements, setMeasurements] = useState(0);
  const selected = useMemo(() => new Set(selection), [selection]);
  const nodes = useMemo(
    () => model.nodes({ draft, selection: selected, problems, statuses, editable, sizes }),
    [model, draft, selected, problems, statuses, editable, sizes, measurements],
  );
  const baseEdges = useMemo(() => model.edges({ draft, problems, editable }), [model, draft, problems, editable]);
  const edges = useMemo(
    () => (selectedEdges.size === 0 ? baseEdges : baseEdges.map((edge) => (selectedEdges.has(edge.id) ? { ...edge, selected: true } : edge))),
    [baseEdges, selectedEdges],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasFlowNode>[]) => {
      const moving: Positions = {};
      const finished: Positions = {};
      let selection: Set<string> | null = null;
      let measured = false;
      for (const change of changes) {
        if (change.type === 'position' && change.position !== undefined) {
          (change.dragging === true ? moving : finished)[change.id] = change.position;
        } else if (change.type === 'dimensions' && change.dimensions !== undefined) {
          const known = sizes.get(change.id);
          if (known?.width === change.dimensions.width && known.height === change.dimensions.height) continue;
          sizes.set(change.id, change.dimensions);
          measured = true;
        } else if (change.type === 'select') {
          selection ??= new Set(selected);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
      }
      if (Object.keys(moving).length > 0) dispatch({ type: 'drag', phase: 'move', positions: moving });
      if (Object.keys(finished).length > 0) dispatch({ type: 'drag', phase: 'end', positions: finished });
      if (selection !== null) dispatch({ type: 'select', ids: draftOrder(draft, selection) });
      if (measured) setMeasurements((count) => count + 1);
    },
    [dispatch, draft, selected, sizes],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasFlowEdge>[]) => {
    const picks = changes.filter((change) => change.type === 'select');
    if (picks.length === 0) return;
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const change of picks) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);

  const onDelete: OnDelete<CanvasFlowNode, CanvasFlowEdge> = useCallback(
    ({ nodes: goneNodes, edges: goneEdges }) => {
      dispatch({ type: 'remove', nodeIds: goneNodes.map((node) => node.id), edgeIds: goneEdges.map((edge) => edge.id) });
      setSelectedEdges(new Set());
    },
    [dispatch],
  );

  const isValidConnection: IsValidConnection<CanvasFlowEdge> = useCallback(
    (connection) =>
      connectionProblem(draft, { source: connection.source, target: connection.target, sourceHandle: connection.sourceHandle ?? null }) === null,
    [draft],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const request = { source: connection.source, target: connection.target, sourceHandle: connection.sourceHandle ?? null };
      if (connectionProblem(draft, request) === null) dispatch({ type: 'connect', edge: newEdge(request) });
    },
    [dispatch, draft],
  );

  const onDrop = useCallback(
    (event: DragEvent<HTMLDivElement>) => {
      const type = event.dataTransfer.getData(DRAG_TYPE);
      if (type === '' || !editable) return;
      event.preventDefault();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const container = containerAt(flow, point);
      if (container === undefined) return onDropType(type, point);
      onDropType(type, { x: point.x - container.x, y: point.y - container.y }, container.id);
    },
    [editable, flow, onDropType],
  );

  return (
    <div className="h-full w-full" data-testid="canvas" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <ReactFlow<CanvasFlowNode, CanvasFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onDelete={onDelete}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        nodesDraggable={editable}
        nodesConnectable={editable}
        elementsSelectable
        deleteKeyCode={editable ? DELETE_KEYS : null}
        onlyRenderVisibleElements={draft.nodes.length > VIRTUALIZE_ABOVE}
        fitView
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        aria-label={t('workflows.canvas.label')}
      >
        <Background gap={16} />
        <Controls />
        <MiniMap pannable zoomable ariaLabel={t('workflows.canvas.minimap')} />
      </ReactFlow>
    </div>
  );
}

function draftOrder(draft: Draft, ids: ReadonlySet<string>): string[] {
  return draft.nodes.filter((node) => ids.has(node.id)).map((node) => node.id);
}

/** The innermost iteration or loop under a point of the flow, with its top-left corner. */
function containerAt(
  flow: ReturnType<typeof useReactFlow<CanvasFlowNode, CanvasFlowEdge>>,
  point: { x: number; y: number },
): { id: string; x: number; y: number } | undefined {
  let best: { id: string; x: number; y: number; area: number } | undefined;
  for (const node of flow.getNodes()) {
    if (node.type !== 'container') continue;
    const internal = flow.getInternalNode(node.id);
    if (internal === undefined) continue;
    const { x, y } = internal.internals.positionAbsolute;
    const width = node.width ?? internal.measured.width ?? 0;
    const height = node.height ?? internal.measured.height ?? 0;
    const inside = point.x >= x && point.x <= x + width && point.y >= y && point.y <= y + height;
    if (inside && (best === undefined || width * height < best.area)) best = { id: node.id, x, y, area: width * height };
  }
  return best;
}
