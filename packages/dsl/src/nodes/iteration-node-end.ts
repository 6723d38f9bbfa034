import { z } from 'zod';
import { defineNode } from './define.js';

/** Exit of an iteration body (IterationEndNode): its inputs are collected, per element, into the iteration's outputs. */
export const iterationNodeEnd = defineNode({
  type: 'iteration-node-end',
  title: 'Iteration end',
  originalLabel: '基础节点',
  category: 'fixed',
  nodeParam: z.looseObject({
    outputMode: z.literal([0, 1], { error: 'expected 0 (return variables) or 1 (render the template)' }),
    template: z.string().default(''),
  }),
  outputs: 'none',
  insideOnly: 'iteration',
  errorBranch: false,
});
