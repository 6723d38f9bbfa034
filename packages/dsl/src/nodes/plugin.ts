import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * A tool from the link service (core/workflow engine/nodes/plugin_tool/plugin_node.py): inputs are the tool's
 * parameters, outputs its response fields.
 */
export const plugin = defineNode({
  type: 'plugin',
  title: 'Tool',
  originalLabel: '工具',
  category: 'tool',
  nodeParam: z.looseObject({
    pluginId: z.string().min(1, 'choose a tool'),
    operationId: z.string().min(1, 'the tool operation is not set'),
    businessInput: z.array(z.unknown()).default([]),
    version: z.string().default('V1.0'),
  }),
  outputs: 'derived',
  errorBranch: true,
  requires: 'link',
});
