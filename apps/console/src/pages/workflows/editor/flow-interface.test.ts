import { describe, expect, it } from 'vitest';
import type { WorkflowDraft } from '../../../api/types.js';
import type { NodeData } from './draft.js';
import { flowInterface, pinnedVersion, withFlowInterface } from './flow-interface.js';

const ref = (nodeId: string, name: string) => ({ type: 'ref' as const, content: { nodeId, name } });

function snapshot(endParam: Record<string, unknown>): WorkflowDraft {
  return {
    nodes: [
      {
        id: 'node-start::s',
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'Start' },
          inputs: [],
          outputs: [
            { id: 'o1', name: 'text', schema: { type: 'string' }, required: true },
            { id: 'o2', name: 'tags', schema: { type: 'array', items: { type: 'string' } } },
            { id: 'o3', name: 'loose', schema: {} },
          ],
          nodeParam: {},
        },
      },
      {
        id: 'node-end::e',
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'End' },
          inputs: [
            { id: 'i1', name: 'answer', schema: { type: 'string', value: ref('node-start::s', 'text') } },
            { id: 'i2', name: 'count', schema: { type: 'integer', value: { type: 'literal', content: 3 } } },
          ],
          outputs: [],
          nodeParam: endParam,
        },
      },
    ],
    edges: [{ sourceNodeId: 'node-start::s', targetNodeId: 'node-end::e' }],
  };
}

describe('flow interface', () => {
  it("takes the start's outputs as inputs, and in outputMode 0 the end's inputs as outputs", () => {
    expect(flowInterface(snapshot({ outputMode: 0 }))).toEqual({
      inputs: [
        { name: 'text', type: 'string' },
        { name: 'tags', type: 'array-string' },
        { name: 'loose', type: 'string' },
      ],
      outputs: [
        { name: 'answer', type: 'string' },
        { name: 'count', type: 'integer' },
      ],
    });
  });

  it('in outputMode 1 returns the rendered output, and the reasoning only with a reasoning template', () => {
    expect(flowInterface(snapshot({ outputMode: 1, template: '{{answer}}', reasoningTemplate: '' })).outputs).toEqual([{ name: 'output', type: 'string' }]);
    expect(flowInterface(snapshot({ outputMode: 1, template: '{{answer}}', reasoningTemplate: 'why' })).outputs).toEqual([
      { name: 'output', type: 'string' },
      { name: 'reasoning', type: 'string' },
    ]);
  });

  it('keeps the value source and id of an input whose name stays, and the id of an output whose name stays', () => {
    const data: NodeData = {
      nodeMeta: { nodeType: '工具', aliasName: 'Workflow' },
      inputs: [
        { id: 'keep', name: 'text', schema: { type: 'array', items: { type: 'string' }, value: ref('node-start::x', 'q') } },
        { id: 'gone', name: 'old', schema: { type: 'string', value: ref('node-start::x', 'q') } },
      ],
      outputs: [{ id: 'out-keep', name: 'answer', schema: { type: 'number' } }],
      nodeParam: { flowId: 'wf' },
    };
    const next = withFlowInterface(data, flowInterface(snapshot({ outputMode: 0 })));
    expect(next.inputs[0]).toEqual({ id: 'keep', name: 'text', schema: { type: 'string', value: ref('node-start::x', 'q') } });
    expect(next.inputs.slice(1).map((input) => [input.name, input.schema.type, input.schema.value])).toEqual([
      ['tags', 'array-string', { type: 'ref', content: { nodeId: '', name: '' } }],
      ['loose', 'string', { type: 'ref', content: { nodeId: '', name: '' } }],
    ]);
    expect(next.outputs.map((output) => [output.id === 'out-keep', output.name, output.schema.type])).toEqual([
      [true, 'answer', 'string'],
      [false, 'count', 'integer'],
    ]);
    expect(next.nodeParam).toBe(data.nodeParam);
  });

  it('reads a pinned version as the hub does', () => {
    expect([3, '3', 'v3', ' 12 '].map(pinnedVersion)).toEqual([3, 3, 3, 12]);
    expect([null, undefined, '', 'v1.0', 0, '0', 1.5, 'latest'].map(pinnedVersion)).toEqual([null, null, null, null, null, null, null, null]);
  });
});
