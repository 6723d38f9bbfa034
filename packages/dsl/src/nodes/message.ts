import { z } from 'zod';
import { defineNode } from './define.js';

/** Streams `template` (with {{name}} placeholders) to the caller in the middle of a run (message_node.py). */
export const message = defineNode({
  type: 'message',
  title: 'Message',
  originalLabel: '基础节点',
  category: 'other',
  nodeParam: z.looseObject({
    template: z.string(),
    startFrameEnabled: z.boolean().nullish(),
    streamOutput: z.boolean().default(false),
  }),
  outputs: 'none',
  errorBranch: false,
});
