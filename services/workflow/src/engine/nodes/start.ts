import { NodeFailure, type NodeType } from '../node-type.js';

/** node-start: the run's inputs become its outputs, one per declared output; AGENT_USER_INPUT is the user's message. */
export const startNode: NodeType = {
  type: 'node-start',
  async execute({ node, run }) {
    if (node.outputs.length === 0) return { outputs: { ...run.inputs } };
    const outputs: Record<string, unknown> = {};
    const missing: string[] = [];
    for (const output of node.outputs) {
      const value = run.inputs[output.name] ?? output.schema.default;
      if (value === undefined && output.required) missing.push(output.name);
      else if (value !== undefined) outputs[output.name] = value;
    }
    if (missing.length > 0) throw new NodeFailure('input_missing', `the run needs the input${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    return { outputs };
  },
};
