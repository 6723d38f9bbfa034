import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * Joins branches: its output takes the first of its inputs, in order, that has a value (first-non-null: the
 * referenced node ran; first-non-empty: also skips "", [] and {}). The original only names this type.
 */
export const variableAggregator = defineNode({
  type: 'variable-aggregator',
  title: 'Variable aggregator',
  originalLabel: '基础节点',
  category: 'transform',
  nodeParam: z.looseObject({
    mode: z
      .enum(['first-non-null', 'first-non-empty'], { error: 'expected first-non-null or first-non-empty' })
      .default('first-non-null'),
  }),
  outputs: 'user',
  fixedOutputs: [{ name: 'output', type: 'string', description: 'Its type is that of the inputs' }],
  errorBranch: false,
});
