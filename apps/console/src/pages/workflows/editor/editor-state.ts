import type { Draft, DraftEdge, DraftNode } from './draft.js';
import { nodeById, typeOfNode, withDescendants } from './draft.js';
import { deriveOutputs } from './derived.js';

/**
 * The editor's state: the draft with its undo history, and the selection (not part of the history). Every change
 * of the draft goes through `editorReducer`, so undo, redo, autosave and validation see each one.
 */
export interface EditorState {
  present: Draft;
  past: Draft[];
  future: Draft[];
  selection: string[];
  /** The draft when a drag began: the whole drag is one step of the history. */
  dragOrigin: Draft | null;
  /** Typing in one field within a moment is one step too: the key and time of the last change. */
  lastKey: string | null;
  lastAt: number;
}

export type Positions = Record<string, { x: number; y: number }>;

export type EditorAction =
  | { type: 'load'; draft: Draft }
  /** New nodes (from the palette: the first is selected; pasted: all of them are). */
  | { type: 'add'; nodes: DraftNode[]; edges?: DraftEdge[]; selectAll?: boolean }
  | { type: 'connect'; edge: DraftEdge }
  | { type: 'remove'; nodeIds?: readonly string[]; edgeIds?: readonly string[] }
  | { type: 'update-node'; nodeId: string; update: (node: DraftNode) => DraftNode; key?: string; at?: number }
  | { type: 'select'; ids: readonly string[] }
  | { type: 'drag'; phase: 'start' | 'move' | 'end'; positions: Positions }
  | { type: 'layout'; positions: Positions }
  | { type: 'undo' }
  | { type: 'redo' };

export const HISTORY_LIMIT = 100;
const COALESCE_MS = 1000;

export function initialEditorState(draft: Draft): EditorState {
  return { present: deriveOutputs(draft), past: [], future: [], selection: [], dragOrigin: null, lastKey: null, lastAt: 0 };
}

/** A new present; the old one goes to the history unless this continues the same typing. */
function commit(state: EditorState, next: Draft, key: string | null = null, at = 0): EditorState {
  if (next === state.present) return state;
  const derived = deriveOutputs(next);
  const continues = key !== null && key === state.lastKey && at - state.lastAt < COALESCE_MS;
  return {
    ...state,
    present: derived,
    past: continues ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT),
    future: [],
    lastKey: key,
    lastAt: at,
  };
}

function movePositions(draft: Draft, positions: Positions): Draft {
  let changed = false;
  const nodes = draft.nodes.map((node) => {
    const position = positions[node.id];
    if (position === undefined || (node.position?.x === position.x && node.position.y === position.y)) return node;
    changed = true;
    return { ...node, position: { x: position.x, y: position.y } };
  });
  return changed ? { ...draft, nodes } : draft;
}

/** The nodes a person may delete: everything but the workflow's start. */
function removable(draft: Draft, ids: readonly string[]): Set<string> {
  const byId = nodeById(draft);
  return withDescendants(
    draft,
    ids.filter((id) => byId.has(id) && typeOfNode(byId.get(id)!) !== 'node-start'),
  );
}

function remove(draft: Draft, nodeIds: readonly string[], edgeIds: readonly string[]): Draft {
  const gone = removable(draft, nodeIds);
  const edgesGone = new Set(edgeIds);
  const nodes = draft.nodes.filter((node) => !gone.has(node.id));
  const edges = draft.edges.filter(
    (edge, index) =>
      !gone.has(edge.sourceNodeId) && !gone.has(edge.targetNodeId) && !edgesGone.has(edge.id || `edges[${index}]`),
  );
  if (nodes.length === draft.nodes.length && edges.length === draft.edges.length) return draft;
  return { ...draft, nodes, edges };
}

/** After undo or redo the selection keeps only nodes that still exist. */
function keepSelection(state: EditorState): EditorState {
  const ids = new Set(state.present.nodes.map((node) => node.id));
  const selection = state.selection.filter((id) => ids.has(id));
  return selection.length === state.selection.length ? state : { ...state, selection };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'load':
      return initialEditorState(action.draft);
    case 'add': {
      const next = { ...state.present, nodes: [...state.present.nodes, ...action.nodes], edges: [...state.present.edges, ...(action.edges ?? [])] };
      const selected = action.selectAll ? action.nodes : action.nodes.slice(0, 1);
      return { ...commit(state, next), selection: selected.map((node) => node.id) };
    }
    case 'connect':
      return commit(state, { ...state.present, edges: [...state.present.edges, action.edge] });
    case 'remove': {
      const next = remove(state.present, action.nodeIds ?? [], action.edgeIds ?? []);
      const left = new Set(next.nodes.map((node) => node.id));
      return { ...commit(state, next), selection: state.selection.filter((id) => left.has(id)) };
    }
    case 'update-node': {
      const nodes = state.present.nodes.map((node) => (node.id === action.nodeId ? action.update(node) : node));
      const changed = nodes.some((node, index) => node !== state.present.nodes[index]);
      return changed ? commit(state, { ...state.present, nodes }, action.key ?? null, action.at ?? 0) : state;
    }
    case 'select': {
      const same = action.ids.length === state.selection.length && action.ids.every((id, index) => id === state.selection[index]);
      return same ? state : { ...state, selection: [...action.ids] };
    }
    case 'drag': {
      const origin = state.dragOrigin ?? state.present;
      const present = movePositions(state.present, action.positions);
      if (action.phase !== 'end') return { ...state, present, dragOrigin: origin };
      const moved = present !== origin;
      return {
        ...state,
        present,
        dragOrigin: null,
        past: moved ? [...state.past, origin].slice(-HISTORY_LIMIT) : state.past,
        future: moved ? [] : state.future,
        lastKey: null,
      };
    }
    case 'layout':
      return commit(state, movePositions(state.present, action.positions));
    case 'undo': {
      const previous = state.past[state.past.length - 1];
      if (previous === undefined) return state;
      return keepSelection({ ...state, present: previous, past: state.past.slice(0, -1), future: [state.present, ...state.future], lastKey: null });
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (next === undefined) return state;
      return keepSelection({ ...state, present: next, past: [...state.past, state.present], future: rest, lastKey: null });
    }
  }
}
