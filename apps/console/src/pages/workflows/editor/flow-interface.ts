import { typeTagOf } from '@astron/dsl';
import type { WorkflowDraft } from '../../../api/types.js';
import type { DraftInput, NodeData } from './draft.js';
import { normalizeDraft, typeOfNode } from './draft.js';
import { uuid } from './ids.js';
import { newInput } from './node-factory.js';

export interface TypedName {
  name: string;
  type: string;
}

/** What a flow node shows of the workflow it runs: that workflow's start parameters and its end's result. */
export interface FlowInterface {
  inputs: TypedName[];
  outputs: TypedName[];
}

/** An untyped parameter is offered as text, the type the console gives a new one. */
const typeOf = (schema: unknown): string => {
  const tag = typeTagOf(schema);
  return tag === 'any' ? 'string' : tag;
};

const named = (items: { name: string; schema: unknown }[]): TypedName[] =>
  items.filter((item) => item.name !== '').map((item) => ({ name: item.name, type: typeOf(item.schema) }));

/**
 * The interface of a workflow snapshot, as the engine runs it (services/workflow engine/nodes/end.ts): the start's
 * outputs are what a run takes; the end returns its inputs in outputMode 0, and in outputMode 1 the rendered
 * `output`, with `reasoning` when it has a reasoning template.
 */
export function flowInterface(snapshot: WorkflowDraft): FlowInterface {
  const draft = normalizeDraft(snapshot);
  const start = draft.nodes.find((node) => typeOfNode(node) === 'node-start');
  const end = draft.nodes.find((node) => typeOfNode(node) === 'node-end');
  const inputs = start === undefined ? [] : named(start.data.outputs);
  if (end === undefined) return { inputs, outputs: [] };
  const param = end.data.nodeParam;
  if (Number(param.outputMode ?? 0) === 0) return { inputs, outputs: named(end.data.inputs) };
  const reasoning = typeof param.reasoningTemplate === 'string' && param.reasoningTemplate !== '';
  return { inputs, outputs: [{ name: 'output', type: 'string' }, ...(reasoning ? [{ name: 'reasoning', type: 'string' }] : [])] };
}

/** An input retyped; the engine's `items` go, as the type now says it all. */
function retyped(input: DraftInput, type: string): DraftInput {
  const schema: DraftInput['schema'] = { ...input.schema, type };
  delete schema.items;
  return { ...input, schema };
}

/**
 * The node's inputs and outputs made those of `face`. Inputs whose names stay keep their id and value source (only
 * their type follows the workflow); outputs whose names stay keep their id, so what reads them is untouched.
 */
export function withFlowInterface(data: NodeData, face: FlowInterface): NodeData {
  const inputs = face.inputs.map(({ name, type }) => {
    const existing = data.inputs.find((input) => input.name === name);
    return existing === undefined ? newInput(name, type) : retyped(existing, type);
  });
  const outputs = face.outputs.map(({ name, type }) => {
    const existing = data.outputs.find((output) => output.name === name);
    return existing === undefined ? { id: uuid(), name, schema: { type }, required: false } : { ...existing, schema: { type } };
  });
  return { ...data, inputs, outputs };
}

/** The version a flow node pins, read as the hub reads it. */
export { pinnedVersion } from '@astron/dsl';
