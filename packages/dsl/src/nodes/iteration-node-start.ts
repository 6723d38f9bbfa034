import { z } from 'zod';
import { defineNode } from './define.js';

/** Entry of an iteration body; its outputs are the current element, named like the iteration's input. */
export const iterationNodeStart = defineNode({
  type: 'iteration-node-start',
  title: 'Iteration start',
  originalLabel: '基础节点',
  category: 'fixed',
  nodeParam: z.looseObject({}),
  outputs: 'derived',
  insideOnly: 'iteration',
  errorBranch: false,
});
