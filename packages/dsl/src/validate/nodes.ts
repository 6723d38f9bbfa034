import { parseNodeId } from '../ids.js';
import type { NodeDefinition } from '../nodes/define.js';
import { getNodeDefinition, nodeTypes } from '../nodes/registry.js';
import type { DslNode } from '../types.js';
import type { TypeTag } from '../value-types.js';
import { elementTypeOf, typeTagOf } from '../value-types.js';
import type { ProblemList } from './problems.js';
import { formatPath } from './problems.js';

export interface NodeIndex {
  /** The first node of each id. */
  byId: Map<string, DslNode>;
  /** The definition of each node whose id names a known type. */
  definitions: Map<string, NodeDefinition>;
}

/** Checks each node on its own: id, type, nodeParam, names, retry settings. */
export function checkNodes(nodes: readonly DslNode[], problems: ProblemList): NodeIndex {
  const index: NodeIndex = { byId: new Map(), definitions: new Map() };
  for (const node of nodes) {
    if (index.byId.has(node.id)) {
      problems.node('duplicate-node-id', node, 'another node has the same id; every node id must be unique', 'id');
      continue;
    }
    index.byId.set(node.id, node);
    const parsedId = parseNodeId(node.id);
    if (!parsedId) {
      problems.node('invalid-node-id', node, 'a node id must look like <node type>::<uuid>', 'id');
    } else {
      const definition = getNodeDefinition(parsedId.type);
      if (definition) {
        index.definitions.set(node.id, definition);
        checkParam(node, definition, problems);
      } else {
        problems.node('unknown-node-type', node, `unknown node type "${parsedId.type}"; known types: ${nodeTypes.join(', ')}`, 'id');
      }
    }
    checkNames(node, 'inputs', problems);
    checkNames(node, 'outputs', problems);
    checkCustomOutput(node, problems);
  }
  return index;
}

function checkParam(node: DslNode, definition: NodeDefinition, problems: ProblemList): void {
  const parsed = definition.nodeParam.safeParse(node.data.nodeParam);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.node('invalid-node-param', node, issue.message, formatPath(['data', 'nodeParam', ...issue.path]));
    }
  }
  for (const problem of definition.check?.(node) ?? []) {
    problems.node(problem.code, node, problem.message, `data.${problem.field}`);
  }
}

function checkNames(node: DslNode, list: 'inputs' | 'outputs', problems: ProblemList): void {
  const seen = new Set<string>();
  node.data[list].forEach((item, position) => {
    if (seen.has(item.name)) {
      problems.node('duplicate-name', node, `two ${list} are named "${item.name}"`, `data.${list}[${position}].name`);
    }
    seen.add(item.name);
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fits(value: unknown, type: TypeTag): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    default:
      return Array.isArray(value) && value.every((item) => fits(item, elementTypeOf(type)));
  }
}

/** As the original's engine: custom_output may only give declared outputs, of their types (node.py NodeFactory). */
function checkCustomOutput(node: DslNode, problems: ProblemList): void {
  const custom = node.data.retryConfig?.custom_output ?? {};
  if (Object.keys(custom).length === 0) return;
  const declared = new Map(node.data.outputs.map((output) => [output.name, output.schema]));
  for (const [name, value] of Object.entries(custom)) {
    const field = `data.retryConfig.custom_output.${name}`;
    const schema = declared.get(name);
    if (!schema) {
      problems.node('invalid-retry-config', node, `"${name}" is not an output of this node`, field);
    } else if (!fits(value, typeTagOf(schema))) {
      problems.node('invalid-retry-config', node, `the value for output "${name}" must be of type ${schema.type}`, field);
    }
  }
  for (const [name, schema] of declared) {
    if (!(name in custom) && !('default' in schema)) {
      problems.node('invalid-retry-config', node, `no value for output "${name}", which has no default`, 'data.retryConfig.custom_output');
    }
  }
}
