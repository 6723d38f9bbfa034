import { z } from 'zod';
import { defineNode } from './define.js';

/**
 * A tool from the link service (core/workflow engine/nodes/plugin_tool/plugin_node.py): inputs are the tool's
 * parameters, outputs its response fields. Either an operation of an OpenAPI tool (pluginId, operationId, version:
 * a published label, absent for the latest published, 'draft' for the draft) or, an addition of ours, a tool of a
 * registered MCP server (mcpServerId, toolName).
 */
export const plugin = defineNode({
  type: 'plugin',
  title: 'Tool',
  originalLabel: '工具',
  category: 'tool',
  nodeParam: z
    .looseObject({
      pluginId: z.string().optional(),
      operationId: z.string().optional(),
      businessInput: z.array(z.unknown()).default([]),
      version: z.string().optional(),
      mcpServerId: z.string().optional(),
      toolName: z.string().optional(),
    })
    .superRefine((param, context) => {
      if (param.mcpServerId) {
        if (!param.toolName) context.addIssue({ code: 'custom', path: ['toolName'], message: 'choose a tool of the MCP server' });
        return;
      }
      if (!param.pluginId) context.addIssue({ code: 'custom', path: ['pluginId'], message: 'choose a tool' });
      if (!param.operationId) context.addIssue({ code: 'custom', path: ['operationId'], message: 'the tool operation is not set' });
    }),
  outputs: 'derived',
  errorBranch: true,
});
