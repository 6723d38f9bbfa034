import { z } from 'zod';
import type { NodeCheckProblem } from './define.js';
import { defineNode } from './define.js';

/**
 * Writes conversation variables (those node-variable reads), each from one of the node's inputs. The original only
 * names this type; the parameters are ours.
 */
const assignmentSchema = z.looseObject({
  variable: z.string().min(1, 'name the variable to write'),
  operation: z
    .enum(['overwrite', 'append', 'extend', 'clear'], { error: 'expected overwrite, append, extend or clear' })
    .default('overwrite'),
  /** Name of the input whose value is written; unused by clear. */
  input: z.string().default(''),
});

export const variableAssigner = defineNode({
  type: 'variable-assigner',
  title: 'Variable assigner',
  originalLabel: '基础节点',
  category: 'transform',
  nodeParam: z.looseObject({
    assignments: z.array(assignmentSchema).min(1, 'add at least one assignment'),
    flowId: z.string().default(''),
  }),
  outputs: 'none',
  errorBranch: false,
  check: (node) => {
    const assignments = node.data.nodeParam.assignments;
    if (!Array.isArray(assignments)) return [];
    const names = new Set(node.data.inputs.map((input) => input.name));
    return assignments.flatMap((item: unknown, index): NodeCheckProblem[] => {
      const { operation, input } = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      if (operation === 'clear' || (typeof input === 'string' && names.has(input))) return [];
      return [
        {
          code: 'unknown-input',
          field: `nodeParam.assignments[${index}].input`,
          message: input ? `${JSON.stringify(input)} is not an input of this node` : 'name the input whose value is written',
        },
      ];
    });
  },
});
