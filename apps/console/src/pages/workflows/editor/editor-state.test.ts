import { validateWorkflow } from '@astron/dsl';
import { describe, expect, it } from 'vitest';
import { connectionProblem, errorHandleOf, newEdge, sourceHandlesOf } from './connections.js';
import { copyNodes, pasteClip } from './clipboard.js';
import type { DraftNode } from './draft.js';
import { editorReducer, type EditorState } from './editor-state.js';
import { autoLayout } from './layout.js';
import { addNode, freshState } from './test-drafts.js';

const connect = (state: EditorState, source: string, target: string, sourceHandle?: string | null) => {
  const request = { source, target, sourceHandle: sourceHandle ?? null };
  expect(connectionProblem(state.present, request)).toBeNull();
  return editorReducer(state, { type: 'connect', edge: newEdge(request) });
};

const remove = (state: EditorState, nodeIds: string[]) => editorReducer(state, { type: 'remove', nodeIds });

describe('adding nodes from the palette', () => {
  it('makes a node of the type with its schema defaults, fixed outputs and a retry policy, and selects it', () => {
    const { state, node } = addNode(freshState(), 'spark-llm');
    expect(node.id).toMatch(/^spark-llm::[0-9a-f-]{36}$/);
    expect(node.data.nodeMeta).toEqual({ nodeType: '基础节点', aliasName: 'spark-llm' });
    expect(node.data.nodeParam).toMatchObject({ model: '', temperature: 1, maxTokens: 2048, template: '', respFormat: 0 });
    expect(node.data.outputs.map((output) => [output.name, output.schema.type])).toEqual([['output', 'string']]);
    expect(node.data.retryConfig).toEqual({ timeout: 60, should_retry: false, max_retries: 0, error_strategy: 0, custom_output: {} });
    expect(state.selection).toEqual([node.id]);
  });

  it('gives branching nodes their branch ids, and an iteration its body', () => {
    const ifElse = addNode(freshState(), 'if-else').node;
    const cases = ifElse.data.nodeParam.cases as { id: string; level: number }[];
    expect(cases.map((item) => item.level)).toEqual([1, 999]);
    expect(cases.every((item) => item.id.startsWith('branch_one_of::'))).toBe(true);
    expect(sourceHandlesOf(ifElse).map((handle) => handle.label)).toEqual(['if', 'else']);

    const { state, node: iteration } = addNode(freshState(), 'iteration');
    const body = state.present.nodes.filter((node) => node.parentId === iteration.id);
    expect(body.map((node) => node.id.split('::')[0])).toEqual(['iteration-node-start', 'iteration-node-end']);
    expect(iteration.data.nodeParam.IterationStartNodeId).toBe(body[0]!.id);
    expect(state.present.edges.at(-1)).toMatchObject({ sourceNodeId: body[0]!.id, targetNodeId: body[1]!.id });
  });
});

describe('connecting', () => {
  it('builds the DSL the engine reads: start → LLM → end with the branch handles of an if-else', () => {
    let state = freshState();
    state = editorReducer(state, { type: 'remove', edgeIds: ['edge-1'] });
    const llm = addNode(state, 'spark-llm');
    state = llm.state;
    const branch = addNode(state, 'if-else');
    state = branch.state;
    state = connect(state, 'node-start::s1', llm.node.id);
    state = connect(state, llm.node.id, branch.node.id);
    const [ifCase, elseCase] = sourceHandlesOf(branch.node);
    state = connect(state, branch.node.id, 'node-end::e1', ifCase!.id);
    state = connect(state, branch.node.id, 'node-end::e1', elseCase!.id);
    expect(state.present.edges.map(({ sourceNodeId, targetNodeId, sourceHandle }) => ({ sourceNodeId, targetNodeId, sourceHandle }))).toEqual([
      { sourceNodeId: 'node-start::s1', targetNodeId: llm.node.id, sourceHandle: undefined },
      { sourceNodeId: llm.node.id, targetNodeId: branch.node.id, sourceHandle: undefined },
      { sourceNodeId: branch.node.id, targetNodeId: 'node-end::e1', sourceHandle: ifCase!.id },
      { sourceNodeId: branch.node.id, targetNodeId: 'node-end::e1', sourceHandle: elseCase!.id },
    ]);
    const codes = validateWorkflow(state.present).problems.map((problem) => problem.code);
    expect(codes).not.toContain('unknown-source-handle');
    expect(codes).not.toContain('unreachable');
  });

  it('refuses self-loops, cycles, edges across levels, duplicates and handles the node does not have', () => {
    let state = freshState();
    const code = addNode(state, 'ifly-code');
    state = code.state;
    const iteration = addNode(state, 'iteration');
    state = iteration.state;
    const inner = state.present.nodes.find((node) => node.id.startsWith('iteration-node-end::'))!;
    const check = (source: string, target: string, handle: string | null = null) =>
      connectionProblem(state.present, { source, target, sourceHandle: handle });
    expect(check(code.node.id, code.node.id)).toBe('self');
    expect(check(code.node.id, inner.id)).toBe('scope');
    expect(check(code.node.id, 'node-start::s1')).toBe('no-target');
    expect(check('node-start::s1', 'node-end::e1')).toBe('duplicate');
    expect(check(code.node.id, 'node-end::e1', 'branch_one_of::x')).toBe('no-handle');
    state = connect(state, 'node-start::s1', code.node.id);
    expect(check(code.node.id, 'node-start::s1')).toBe('no-target');
    state = connect(state, code.node.id, iteration.node.id);
    expect(check(iteration.node.id, code.node.id)).toBe('cycle');
  });

  it('offers the error branch only when the error strategy is 2', () => {
    let state = freshState();
    const code = addNode(state, 'ifly-code');
    state = code.state;
    expect(sourceHandlesOf(code.node).map((handle) => handle.kind)).toEqual(['default']);
    state = editorReducer(state, {
      type: 'update-node',
      nodeId: code.node.id,
      update: (node: DraftNode) => ({ ...node, data: { ...node.data, retryConfig: { ...node.data.retryConfig, error_strategy: 2 } } }),
    });
    const updated = state.present.nodes.find((node) => node.id === code.node.id)!;
    expect(sourceHandlesOf(updated).map((handle) => handle.id)).toEqual([null, errorHandleOf(updated)]);
    expect(errorHandleOf(updated)).toBe(`fail_one_of::${code.node.id.split('::')[1]}`);
    state = connect(state, code.node.id, 'node-end::e1', errorHandleOf(updated));
    expect(state.present.edges.at(-1)?.sourceHandle).toMatch(/^fail_one_of::/);
  });
});

describe('history', () => {
  it('undoes and redoes adds, edits and moves; typing in one field is one step', () => {
    let state = freshState();
    const llm = addNode(state, 'spark-llm');
    state = llm.state;
    const rename = (alias: string, at: number) =>
      editorReducer(state, {
        type: 'update-node',
        nodeId: llm.node.id,
        key: `${llm.node.id}:alias`,
        at,
        update: (node: DraftNode) => ({ ...node, data: { ...node.data, nodeMeta: { ...node.data.nodeMeta, aliasName: alias } } }),
      });
    state = rename('W', 1000);
    state = rename('Wr', 1200);
    state = rename('Writer', 1400);
    state = editorReducer(state, { type: 'drag', phase: 'start', positions: { [llm.node.id]: { x: 310, y: 0 } } });
    state = editorReducer(state, { type: 'drag', phase: 'move', positions: { [llm.node.id]: { x: 350, y: 20 } } });
    state = editorReducer(state, { type: 'drag', phase: 'end', positions: { [llm.node.id]: { x: 400, y: 40 } } });
    expect(state.past).toHaveLength(3);
    const alias = (value: EditorState) => value.present.nodes.find((node) => node.id === llm.node.id)?.data.nodeMeta.aliasName;
    const position = (value: EditorState) => value.present.nodes.find((node) => node.id === llm.node.id)?.position;

    state = editorReducer(state, { type: 'undo' });
    expect(position(state)).toEqual({ x: 300, y: 0 });
    expect(alias(state)).toBe('Writer');
    state = editorReducer(state, { type: 'undo' });
    expect(alias(state)).toBe('spark-llm');
    state = editorReducer(state, { type: 'undo' });
    expect(state.present.nodes).toHaveLength(2);
    expect(state.selection).toEqual([]);
    state = editorReducer(state, { type: 'undo' });
    expect(state.present.nodes).toHaveLength(2);

    state = editorReducer(state, { type: 'redo' });
    state = editorReducer(state, { type: 'redo' });
    expect(alias(state)).toBe('Writer');
    state = editorReducer(state, { type: 'redo' });
    expect(position(state)).toEqual({ x: 400, y: 40 });
    expect(state.future).toHaveLength(0);
  });

  it('deletes nodes with their bodies and edges, never the start, and undo brings them back', () => {
    let state = freshState();
    const iteration = addNode(state, 'iteration');
    state = connect(iteration.state, 'node-start::s1', iteration.node.id);
    const before = state.present;
    state = remove(state, [iteration.node.id, 'node-start::s1']);
    expect(state.present.nodes.map((node) => node.id)).toEqual(['node-start::s1', 'node-end::e1']);
    expect(state.present.edges.map((edge) => edge.id)).toEqual(['edge-1']);
    state = editorReducer(state, { type: 'undo' });
    expect(state.present).toBe(before);
  });
});

describe('copy and paste', () => {
  it('pastes copies with new ids, their body and inner edges, references between them following', () => {
    let state = freshState();
    const iteration = addNode(state, 'iteration');
    state = iteration.state;
    const clip = copyNodes(state.present, [iteration.node.id, 'node-start::s1'])!;
    expect(clip.nodes).toHaveLength(3);
    const pasted = pasteClip(state.present, clip, { x: 40, y: 40 });
    state = editorReducer(state, { type: 'add', nodes: pasted.nodes, edges: pasted.edges, selectAll: true });
    const [copy, start, end] = pasted.nodes;
    expect(copy!.id).not.toBe(iteration.node.id);
    expect(copy!.position).toEqual({ x: 340, y: 40 });
    expect(start!.parentId).toBe(copy!.id);
    expect(end!.data.parentId).toBe(copy!.id);
    expect(copy!.data.nodeParam.IterationStartNodeId).toBe(start!.id);
    expect(pasted.edges[0]).toMatchObject({ sourceNodeId: start!.id, targetNodeId: end!.id });
    expect(state.selection).toEqual(pasted.nodes.map((node) => node.id));
    expect(state.present.nodes).toHaveLength(8);
  });
});

describe('derived outputs and layout', () => {
  it("names the iteration start's output after the iteration's input and collects the end's inputs", () => {
    const { state, node } = addNode(freshState(), 'iteration');
    const start = state.present.nodes.find((item) => item.id === node.data.nodeParam.IterationStartNodeId)!;
    expect(start.data.outputs.map((output) => [output.name, output.schema.type])).toEqual([['input', 'string']]);
    expect(node.data.outputs.map((output) => [output.name, output.schema.type])).toEqual([['input', 'array-string']]);
  });

  it('lays the nodes out left to right, bodies inside their containers', () => {
    let state = freshState();
    const iteration = addNode(state, 'iteration');
    state = connect(iteration.state, 'node-start::s1', iteration.node.id);
    const positions = autoLayout(state.present);
    const start = positions['node-start::s1']!;
    const container = positions[iteration.node.id]!;
    const end = positions['node-end::e1']!;
    expect(start.x).toBeLessThan(container.x);
    expect(container.x).toBeGreaterThanOrEqual(start.x);
    const [innerStart, innerEnd] = state.present.nodes.filter((node) => node.parentId === iteration.node.id);
    expect(positions[innerStart!.id]!.x).toBeLessThan(positions[innerEnd!.id]!.x);
    expect(positions[innerStart!.id]!.y).toBeGreaterThanOrEqual(56);
    expect(Number.isFinite(end.x)).toBe(true);
  });
});
