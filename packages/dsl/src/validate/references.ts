import type { DslNode } from '../types.js';
import { ERROR_STRATEGY } from '../types.js';
import type { NamedSchema, TypeTag } from '../value-types.js';
import { isAssignable, resolveOutput, typeTagOf } from '../value-types.js';
import type { Graph } from './graph.js';
import type { NodeIndex } from './nodes.js';
import type { ProblemList } from './problems.js';
import type { Scopes } from './scopes.js';

/** A node whose errors do not stop the run exposes errorCode and errorMessage (the original console adds them). */
const ERROR_OUTPUTS: readonly NamedSchema[] = [
  { name: 'errorCode', schema: { type: 'string' } },
  { name: 'errorMessage', schema: { type: 'string' } },
];

function outputsOf(node: DslNode): readonly NamedSchema[] {
  const strategy = node.data.retryConfig?.error_strategy ?? ERROR_STRATEGY.interrupt;
  if (strategy === ERROR_STRATEGY.interrupt) return node.data.outputs;
  const declared = new Set(node.data.outputs.map((output) => output.name));
  return [...node.data.outputs, ...ERROR_OUTPUTS.filter((output) => !declared.has(output.name))];
}

const isArrayLike = (type: TypeTag): boolean => type === 'any' || type.startsWith('array');

/**
 * What a node may read: the nodes before it in its scope; inside a body also what its container may read, the
 * iteration's iteration-node-start, and a loop's own outputs (the current loop variables).
 */
function visibility(index: NodeIndex, scopes: Scopes, graph: Graph): (id: string) => Set<string> {
  const memo = new Map<string, Set<string>>();
  const visible = (id: string): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const result = new Set(graph.upstream(id));
    const parent = scopes.parentOf.get(id);
    if (parent) {
      const container = index.definitions.get(parent)?.container;
      if (container === 'loop') result.add(parent);
      for (const member of scopes.bodyOf.get(parent) ?? []) {
        if (container === 'iteration' && index.definitions.get(member)?.type === 'iteration-node-start') result.add(member);
      }
      for (const outer of visible(parent)) result.add(outer);
    }
    memo.set(id, result);
    return result;
  };
  return visible;
}

/** Every ref input must read an existing output of a node that runs before it, of a fitting type. */
export function checkReferences(
  index: NodeIndex,
  scopes: Scopes,
  graph: Graph,
  knownIds: ReadonlySet<string>,
  problems: ProblemList,
): void {
  const visible = visibility(index, scopes, graph);
  for (const [id, node] of index.byId) {
    const definition = index.definitions.get(id);
    // A loop's variables may take their values from its own body after each pass.
    const body = definition?.container === 'loop' ? new Set(scopes.bodyOf.get(id) ?? []) : new Set<string>();
    node.data.inputs.forEach((input, position) => {
      const value = input.schema.value;
      if (value.type !== 'ref') return;
      const field = `data.inputs[${position}].schema.value.content`;
      const label = `input "${input.name}"`;
      const { nodeId: source, name } = value.content;
      if (!source) return problems.node('missing-ref-node', node, `${label} is not connected to any variable`, field);
      if (!knownIds.has(source)) {
        return problems.node('missing-ref-node', node, `${label} reads node ${source}, which is not in the workflow`, field);
      }
      const target = index.byId.get(source);
      if (!target) return;
      if (!visible(id).has(source) && !body.has(source)) {
        const what = source === id ? 'itself' : `${source}, which does not run before this node`;
        problems.node('ref-not-upstream', node, `${label} reads ${what}`, field);
      }
      if (!name) return problems.node('missing-ref-output', node, `${label} does not say which output of ${source} it reads`, field);
      const resolved = resolveOutput(outputsOf(target), name);
      if (!resolved.found) {
        const head = name.split('.')[0];
        const detail = resolved.missing === head ? `${source} has no output "${head}"` : `output "${name}" of ${source} has no property "${resolved.missing}"`;
        return problems.node('missing-ref-output', node, `${label} reads ${detail}`, `${field}.name`);
      }
      const declared = typeTagOf(input.schema);
      const typeField = `data.inputs[${position}].schema.type`;
      if (!isAssignable(declared, resolved.type)) {
        problems.node('type-mismatch', node, `${label} is declared ${declared}, but ${source}.${name} is ${resolved.type}`, typeField);
      } else if (definition?.type === 'iteration' && position === 0 && !(isArrayLike(declared) && isArrayLike(resolved.type))) {
        problems.node('type-mismatch', node, `an iteration runs over an array, but ${label} is ${declared}`, typeField);
      }
    });
  }
}
