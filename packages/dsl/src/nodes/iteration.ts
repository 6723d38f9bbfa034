import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * Runs its body once per element of its array input (core/workflow engine/nodes/iteration/iteration_node.py).
 * The body is the nodes whose parentId is the iteration, from iteration-node-start (whose outputs are the current
 * element, named like the iteration's input) to iteration-node-end (whose inputs, collected over all elements,
 * become the iteration's array outputs). parallel, parallelLimit and itemErrorPolicy are ours; their defaults are
 * the original's behaviour.
 */
export const iteration = defineNode({
  type: 'iteration',
  title: 'Iteration',
  originalLabel: '基础节点',
  category: 'logic',
  nodeParam: z.looseObject({
    IterationStartNodeId: z.string().min(1, 'the iteration does not name its iteration-node-start'),
    parallel: z.boolean().default(false),
    parallelLimit: z.number().int().min(1).max(100).default(10),
    /** fail: the iteration fails; continue: the element's outputs are null; skip: the element is left out. */
    itemErrorPolicy: z.enum(['fail', 'continue', 'skip'], { error: 'expected fail, continue or skip' }).default('fail'),
  }),
  outputs: 'derived',
  container: 'iteration',
  errorBranch: false,
});
