import { z } from 'zod';
import { defineNode } from './define.js';
import { chatHistorySchema } from './shared.js';

/** Runs another published workflow (core/workflow engine/nodes/flow/flow_node.py); inputs and outputs are its own. */
export const flow = defineNode({
  type: 'flow',
  title: 'Workflow',
  originalLabel: '工具',
  category: 'tool',
  nodeParam: z.looseObject({
    flowId: z.string().min(1, 'choose a workflow'),
    version: z.string().nullish(),
    enableChatHistoryV2: chatHistorySchema.default({ isEnabled: false, rounds: 1 }),
  }),
  outputs: 'derived',
  errorBranch: true,
});
