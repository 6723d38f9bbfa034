import { NodeFailure, type NodeType } from '../node-type.js';

/**
 * node-variable: `set` stores its inputs as conversation variables under their names; `get` reads the variables
 * named by its outputs (null when never set). Variables live per workflow, caller and chat, across runs.
 */
export const nodeVariableNode: NodeType = {
  type: 'node-variable',
  async execute({ node, inputs, variables }) {
    if (node.param.method === 'set') {
      await variables.set(inputs);
      return { outputs: {} };
    }
    const names = node.outputs.map((output) => output.name);
    const stored = await variables.get(names);
    return { outputs: Object.fromEntries(names.map((name) => [name, stored[name] ?? null])) };
  },
};

interface Assignment {
  variable: string;
  operation?: 'overwrite' | 'append' | 'extend' | 'clear';
  input?: string;
}

/** variable-assigner: writes conversation variables from its inputs: overwrite, append to a list, extend a list, clear. */
export const variableAssignerNode: NodeType = {
  type: 'variable-assigner',
  async execute({ node, inputs, variables }) {
    const assignments = (node.param.assignments as Assignment[] | undefined) ?? [];
    const current = await variables.get(assignments.map((item) => item.variable));
    const next: Record<string, unknown> = {};
    for (const item of assignments) {
      const value = item.input === undefined || item.input === '' ? undefined : inputs[item.input];
      const before = next[item.variable] ?? current[item.variable];
      const list: unknown[] = Array.isArray(before) ? (before as unknown[]) : before === undefined || before === null ? [] : [before];
      switch (item.operation ?? 'overwrite') {
        case 'clear':
          next[item.variable] = null;
          break;
        case 'append':
          next[item.variable] = [...list, value ?? null];
          break;
        case 'extend':
          if (!Array.isArray(value)) throw new NodeFailure('assign_not_a_list', `extend ${item.variable} needs a list from input ${item.input ?? ''}`);
          next[item.variable] = [...list, ...(value as unknown[])];
          break;
        default:
          next[item.variable] = value ?? null;
      }
    }
    await variables.set(next);
    return { outputs: {} };
  },
};
