import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * Conversation variables (core/workflow engine/nodes/global_variables/global_variables_node.py): "set" stores
 * the inputs under their names, "get" reads the outputs' names. flowId scopes them; the engine fills it in.
 */
export const nodeVariable = defineNode({
  type: 'node-variable',
  title: 'Variable store',
  originalLabel: '基础节点',
  category: 'transform',
  nodeParam: z.looseObject({
    method: z.enum(['set', 'get'], { error: 'expected set or get' }),
    flowId: z.string().default(''),
  }),
  outputs: 'user',
  errorBranch: false,
});
