import type { Draft, DraftNode } from './draft.js';
import { editorReducer, initialEditorState, type EditorState } from './editor-state.js';
import { createNodes } from './node-factory.js';

/** A draft as the hub makes a new workflow: a start joined to an end that returns the user's input. */
export function starterDraft(): Draft {
  return {
    nodes: [
      {
        id: 'node-start::s1',
        position: { x: 0, y: 0 },
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'Start' },
          inputs: [],
          outputs: [{ id: 'o1', name: 'AGENT_USER_INPUT', schema: { type: 'string' }, required: true }],
          nodeParam: {},
        },
      },
      {
        id: 'node-end::e1',
        position: { x: 600, y: 0 },
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'End' },
          inputs: [
            {
              id: 'i1',
              name: 'output',
              schema: { type: 'string', value: { type: 'ref', content: { nodeId: 'node-start::s1', name: 'AGENT_USER_INPUT' } } },
            },
          ],
          outputs: [],
          nodeParam: { outputMode: 0, template: '' },
        },
      },
    ],
    edges: [{ id: 'edge-1', sourceNodeId: 'node-start::s1', targetNodeId: 'node-end::e1' }],
  };
}

/** Adds a node of `type` as the palette does; returns the state and the new node. */
export function addNode(state: EditorState, type: string, parentId?: string): { state: EditorState; node: DraftNode } {
  const created = createNodes(type, { position: { x: 300, y: 0 }, alias: type, bodyAliases: { start: 'Body start', end: 'Body end' }, ...(parentId === undefined ? {} : { parentId }) });
  const next = editorReducer(state, { type: 'add', nodes: created.nodes, edges: created.edges });
  return { state: next, node: next.present.nodes.find((node) => node.id === created.nodes[0]!.id)! };
}

export const freshState = (): EditorState => initialEditorState(starterDraft());
