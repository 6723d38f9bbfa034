import { validateWorkflow } from '@astron/dsl';
import { describe, expect, it } from 'vitest';
import { newEdge } from '../editor/connections.js';
import { editorReducer, initialEditorState, type EditorState } from '../editor/editor-state.js';
import { indexProblems } from '../editor/problems.js';
import { addNode, starterDraft } from '../editor/test-drafts.js';
import { createFlowModel } from './flow-model.js';

/** A chain of `count` code nodes between the start and the end. */
function chain(count: number): EditorState {
  let state = initialEditorState({ ...starterDraft(), edges: [] });
  let previous = 'node-start::s1';
  for (let index = 0; index < count; index += 1) {
    const added = addNode(state, 'ifly-code');
    state = editorReducer(added.state, { type: 'connect', edge: newEdge({ source: previous, target: added.node.id }) });
    previous = added.node.id;
  }
  return editorReducer(state, { type: 'connect', edge: newEdge({ source: previous, target: 'node-end::e1' }) });
}

describe('the canvas model of a big workflow', () => {
  it('gives back the same objects for the nodes and edges a change leaves alone', () => {
    let state = chain(200);
    const model = createFlowModel();
    const inputs = (value: EditorState) => ({
      draft: value.present,
      selection: new Set(value.selection),
      problems: indexProblems(validateWorkflow(value.present).problems),
      statuses: new Map(),
      editable: true,
      sizes: new Map(),
    });
    const before = model.nodes(inputs(state));
    const edgesBefore = model.edges(inputs(state));
    expect(before).toHaveLength(202);
    const moved = state.present.nodes[100]!.id;
    state = editorReducer(state, { type: 'drag', phase: 'move', positions: { [moved]: { x: 5, y: 5 } } });

    const started = performance.now();
    const after = model.nodes(inputs(state));
    const elapsed = performance.now() - started;
    const rebuilt = after.filter((node, index) => node !== before[index]).map((node) => node.id);
    expect(rebuilt).toEqual([moved]);
    expect(model.edges(inputs(state)).every((edge, index) => edge === edgesBefore[index])).toBe(true);
    // Validation of 202 nodes plus the model, per drag frame, well within a frame's budget here; the browser
    // test is what measures frames.
    expect(elapsed).toBeLessThan(200);
  });

  it('rebuilds a node once it is measured, with its size: the mini-map draws nodes from it', () => {
    const state = chain(1);
    const model = createFlowModel();
    const sizes = new Map<string, { width: number; height: number }>();
    const inputs = { draft: state.present, selection: new Set<string>(), problems: indexProblems([]), statuses: new Map(), editable: true, sizes };
    const before = model.nodes(inputs);
    expect(before.every((node) => node.measured === undefined)).toBe(true);
    sizes.set('node-start::s1', { width: 240, height: 80 });

    const after = model.nodes(inputs);
    const start = after.find((node) => node.id === 'node-start::s1');
    expect(start?.measured).toEqual({ width: 240, height: 80 });
    expect(after.filter((node, index) => node !== before[index]).map((node) => node.id)).toEqual(['node-start::s1']);
    expect(model.nodes(inputs).every((node, index) => node === after[index])).toBe(true);
  });
});
