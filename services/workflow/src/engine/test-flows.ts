import type { EngineEdgeInput, EngineNodeInput, WorkflowDocument } from './graph.js';
import type { ValueSource } from './variables.js';

// Builders for workflows in the original's envelope, for tests: terse to write, the same JSON a user's export has.

let counter = 0;
const uuid = () => `t${(counter += 1).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export const ref = (nodeId: string, name: string): ValueSource => ({ type: 'ref', content: { nodeId, name } });
export const literal = (content: unknown): ValueSource => ({ type: 'literal', content });

export interface NodeSpec {
  inputs?: Record<string, ValueSource>;
  outputs?: string[];
  param?: Record<string, unknown>;
  retry?: Record<string, unknown>;
  alias?: string;
}

export function node(type: string, spec: NodeSpec = {}, id = `${type}::${uuid()}`): EngineNodeInput {
  return {
    id,
    data: {
      nodeMeta: { aliasName: spec.alias ?? type },
      inputs: Object.entries(spec.inputs ?? {}).map(([name, value]) => ({ id: `in-${name}-${uuid()}`, name, schema: { type: 'string', value } })),
      outputs: (spec.outputs ?? []).map((name) => ({ name, schema: { type: 'string' }, required: false })),
      nodeParam: spec.param ?? {},
      ...(spec.retry === undefined ? {} : { retryConfig: spec.retry }),
    },
  };
}

export function edge(source: EngineNodeInput, target: EngineNodeInput, sourceHandle?: string): EngineEdgeInput {
  return { sourceNodeId: source.id, targetNodeId: target.id, ...(sourceHandle === undefined ? {} : { sourceHandle }) };
}

/** Edges in a line: a → b → c. */
export function chain(...nodes: EngineNodeInput[]): EngineEdgeInput[] {
  return nodes.slice(1).map((target, index) => edge(nodes[index] as EngineNodeInput, target));
}

export function flow(nodes: EngineNodeInput[], edges: EngineEdgeInput[]): WorkflowDocument {
  return { nodes, edges };
}

/** The id of the input item named `name` of a node (if-else conditions name inputs by id). */
export function inputId(target: EngineNodeInput, name: string): string {
  const found = target.data.inputs?.find((input) => input.name === name);
  if (found?.id === undefined) throw new Error(`${target.id} has no input ${name}`);
  return found.id;
}
