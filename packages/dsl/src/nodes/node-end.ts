import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * End of the workflow (core/workflow engine/nodes/end/end_node.py). outputMode 0 returns the inputs as variables,
 * 1 renders `template` with {{name}} placeholders; streamOutput streams it as it is produced.
 */
export const endParamSchema = z.looseObject({
  outputMode: z.literal([0, 1], { error: 'expected 0 (return variables) or 1 (render the template)' }),
  template: z.string().default(''),
  reasoningTemplate: z.string().default(''),
  streamOutput: z.boolean().default(false),
});

export const nodeEnd = defineNode({
  type: 'node-end',
  title: 'End',
  originalLabel: '基础节点',
  category: 'fixed',
  nodeParam: endParamSchema,
  outputs: 'none',
  errorBranch: false,
});
