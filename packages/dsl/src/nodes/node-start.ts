import { z } from 'zod';
import { defineNode } from './define.js';

/** Entry of the workflow; its outputs are the run's parameters (AGENT_USER_INPUT is the user's message). */
export const nodeStart = defineNode({
  type: 'node-start',
  title: 'Start',
  originalLabel: '基础节点',
  category: 'fixed',
  nodeParam: z.looseObject({}),
  outputs: 'user',
  fixedOutputs: [{ name: 'AGENT_USER_INPUT', type: 'string', description: "The user's message of this turn" }],
  errorBranch: false,
});
