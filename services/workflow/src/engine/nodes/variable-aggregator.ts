import type { NodeType } from '../node-type.js';

const isEmpty = (value: unknown) =>
  value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/**
 * variable-aggregator: joins branches. Its output is the first of its inputs, in order, that has a value
 * (`first-non-null`: the referenced node ran; `first-non-empty`: also skips "", [] and {}).
 */
export const variableAggregatorNode: NodeType = {
  type: 'variable-aggregator',
  async execute({ node, inputs }) {
    const skipEmpty = node.param.mode === 'first-non-empty';
    const value = node.inputs.map((input) => inputs[input.name]).find((candidate) => candidate !== undefined && candidate !== null && !(skipEmpty && isEmpty(candidate)));
    return { outputs: { [node.outputs[0]?.name ?? 'output']: value ?? null } };
  },
};
