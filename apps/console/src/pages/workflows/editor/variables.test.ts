import { describe, expect, it } from 'vitest';
import { newEdge } from './connections.js';
import type { DraftNode } from './draft.js';
import { editorReducer, type EditorState } from './editor-state.js';
import { addNode, freshState } from './test-drafts.js';
import { variableOptions } from './variables.js';

const connect = (state: EditorState, source: string, target: string) =>
  editorReducer(state, { type: 'connect', edge: newEdge({ source, target }) });

const labels = (state: EditorState, nodeId: string) =>
  variableOptions(state.present, nodeId).map((option) => `${option.alias}.${option.name}`);

describe('variables a node may read', () => {
  it('are the outputs of the nodes upstream of it, never its own or those of nodes after it', () => {
    let state = freshState();
    const first = addNode(state, 'spark-llm');
    const second = addNode(first.state, 'ifly-code');
    const third = addNode(second.state, 'template-transform');
    state = third.state;
    state = connect(state, 'node-start::s1', first.node.id);
    state = connect(state, first.node.id, second.node.id);
    state = connect(state, second.node.id, third.node.id);
    expect(labels(state, second.node.id)).toEqual(['Start.AGENT_USER_INPUT', 'spark-llm.output']);
    expect(labels(state, first.node.id)).toEqual(['Start.AGENT_USER_INPUT']);
    expect(labels(state, 'node-start::s1')).toEqual([]);
    expect(labels(state, third.node.id)).toEqual(['Start.AGENT_USER_INPUT', 'spark-llm.output', 'ifly-code.output']);
  });

  it('add errorCode and errorMessage of a node whose errors do not stop the run', () => {
    let state = freshState();
    const code = addNode(state, 'ifly-code');
    state = connect(code.state, code.node.id, 'node-end::e1');
    state = editorReducer(state, {
      type: 'update-node',
      nodeId: code.node.id,
      update: (node: DraftNode) => ({ ...node, data: { ...node.data, retryConfig: { ...node.data.retryConfig, error_strategy: 1 } } }),
    });
    expect(labels(state, 'node-end::e1')).toEqual(['Start.AGENT_USER_INPUT', 'ifly-code.output', 'ifly-code.errorCode', 'ifly-code.errorMessage']);
  });

  it("inside an iteration: the iteration's start and whatever the iteration may read, not the body's later nodes", () => {
    let state = freshState();
    const llm = addNode(state, 'spark-llm');
    const iteration = addNode(llm.state, 'iteration');
    state = iteration.state;
    state = connect(state, 'node-start::s1', llm.node.id);
    state = connect(state, llm.node.id, iteration.node.id);
    const inner = addNode(state, 'ifly-code', iteration.node.id);
    state = inner.state;
    const [innerStart, innerEnd] = state.present.nodes.filter((node) => node.parentId === iteration.node.id);
    state = connect(state, innerStart!.id, inner.node.id);
    state = connect(state, inner.node.id, innerEnd!.id);
    expect(labels(state, inner.node.id)).toEqual(['Start.AGENT_USER_INPUT', 'spark-llm.output', 'Body start.input']);
    expect(labels(state, innerEnd!.id)).toEqual(['Start.AGENT_USER_INPUT', 'spark-llm.output', 'Body start.input', 'ifly-code.output']);
    // After the iteration, its collected outputs are readable; its body is not.
    expect(labels(state, 'node-end::e1')).toEqual(['Start.AGENT_USER_INPUT']);
    state = connect(state, iteration.node.id, 'node-end::e1');
    expect(labels(state, 'node-end::e1')).toEqual(['Start.AGENT_USER_INPUT', 'spark-llm.output', 'iteration.input']);
  });
});
