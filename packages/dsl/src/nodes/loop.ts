import { z } from 'zod';
import { defineNode } from './define.js';
import { conditionProblems, conditionSchema } from './shared.js';

/**
 * Runs its body (the nodes whose parentId is the loop) again and again, at most maxLoopCount times, until
 * breakCondition holds after a pass. The original only names this type, and has no inner start or end: the body
 * starts at its nodes without incoming edges. The loop's inputs are its loop variables: one that references a
 * node of the body takes that node's value after each pass; the body reads the current values from the loop's
 * outputs of the same names, and they are the loop's result. Conditions compare inputs by input id, as in if-else.
 */
export const loop = defineNode({
  type: 'loop',
  title: 'Loop',
  originalLabel: '基础节点',
  category: 'logic',
  nodeParam: z.looseObject({
    maxLoopCount: z.number().int().min(1).max(1000).default(10),
    breakCondition: z
      .looseObject({
        logicalOperator: z.enum(['and', 'or'], { error: 'expected and or or' }).default('and'),
        conditions: z.array(conditionSchema).default([]),
      })
      .default({ logicalOperator: 'and', conditions: [] }),
  }),
  outputs: 'user',
  container: 'loop',
  errorBranch: false,
  check: (node) => {
    const breakCondition = node.data.nodeParam.breakCondition;
    const conditions = typeof breakCondition === 'object' && breakCondition !== null ? (breakCondition as { conditions?: unknown }).conditions : [];
    return conditionProblems(node, conditions, 'nodeParam.breakCondition.conditions');
  },
});
