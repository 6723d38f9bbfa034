import { z } from 'zod';
import { defineNode } from './define.js';
import { conditionProblems, conditionSchema, duplicateIdProblems, idsOf } from './shared.js';

/** Level of the default case, taken when no other case holds (engine/nodes/if_else/if_else_node.py). */
export const DEFAULT_CASE_LEVEL = 999;

const caseSchema = z.looseObject({
  /** The branch handle: edges of this case leave with sourceHandle = id. */
  id: z.string().regex(/^branch_one_of::[0-9a-zA-Z-]+/, 'a case id looks like branch_one_of::<uuid>'),
  /** Cases are tried by ascending level; 999 is the default case. */
  level: z.number().int().min(1),
  logicalOperator: z.enum(['and', 'or'], { error: 'expected and or or' }),
  conditions: z.array(conditionSchema),
});

export const ifElse = defineNode({
  type: 'if-else',
  title: 'If / else',
  originalLabel: '分支器',
  category: 'logic',
  nodeParam: z.looseObject({ cases: z.array(caseSchema).min(2, 'an if-else needs at least two cases (one is the default)') }),
  outputs: 'none',
  branches: (param) => idsOf(param.cases),
  errorBranch: false,
  check: (node) => {
    const cases = node.data.nodeParam.cases;
    const conditions = Array.isArray(cases)
      ? cases.flatMap((item: unknown, index) => {
          const list = typeof item === 'object' && item !== null ? (item as { conditions?: unknown }).conditions : [];
          return conditionProblems(node, list, `nodeParam.cases[${index}].conditions`);
        })
      : [];
    return [...duplicateIdProblems(cases, 'nodeParam.cases'), ...conditions];
  },
});
