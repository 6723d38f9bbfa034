import { NodeFailure, type NodeType } from '../node-type.js';
import { compare } from './if-else.js';

interface Condition {
  leftVarIndex?: string | null;
  rightVarIndex?: string | null;
  compareOperator: string;
}

/**
 * loop: runs its body again and again, at most `maxLoopCount` times, until `breakCondition` holds after a pass.
 * Its inputs are the loop variables: the body reads their current values as the loop's outputs; an input that
 * references a node of the body takes that node's value after each pass. The variables after the last pass are the
 * loop's outputs. Conditions compare inputs by input id, as if-else does.
 */
export const loopNode: NodeType = {
  type: 'loop',
  async execute({ node, inputs, runBody }) {
    const max = Math.max(1, Math.min(1000, Number(node.param.maxLoopCount ?? 10)));
    const rule = (node.param.breakCondition ?? {}) as { logicalOperator?: 'and' | 'or'; conditions?: Condition[] };
    const variables: Record<string, unknown> = Object.fromEntries(node.inputs.map((input) => [input.name, inputs[input.name] ?? null]));
    const valueOf = (reference: string | null | undefined) => {
      if (reference === null || reference === undefined || reference === '') return undefined;
      const input = node.inputs.find((item) => item.id === reference || item.name === reference);
      if (input === undefined) throw new NodeFailure('loop_unknown_variable', `the break condition names ${reference}, which is not a variable of ${node.aliasName}`);
      return variables[input.name];
    };
    for (let pass = 0; pass < max; pass += 1) {
      const result = await runBody(pass, { ...variables });
      for (const input of node.inputs) {
        if (input.value.type !== 'ref') continue;
        const value = result.read(input.value);
        if (value !== undefined) variables[input.name] = value;
      }
      const conditions = rule.conditions ?? [];
      if (conditions.length === 0) continue;
      const results = conditions.map((condition) => compare(condition.compareOperator, valueOf(condition.leftVarIndex), valueOf(condition.rightVarIndex)));
      if (rule.logicalOperator === 'or' ? results.some(Boolean) : results.every(Boolean)) break;
    }
    const names = node.outputs.length === 0 ? Object.keys(variables) : node.outputs.map((output) => output.name);
    return { outputs: Object.fromEntries(names.map((name) => [name, variables[name] ?? null])) };
  },
};
