import type { NodeType } from '../node-type.js';

/**
 * flow: runs another published workflow (nodeParam.flowId, optionally a pinned version) with this node's inputs as
 * its start inputs, nested in this run: its nodes are persisted, streamed, paused and resumed as this run's own.
 * The outputs are the nested workflow's end outputs; the hub resolved the workflow when the run started.
 */
export const flowNode: NodeType = {
  type: 'flow',
  async execute({ inputs, runSubflow }) {
    return { outputs: await runSubflow(inputs) };
  },
};
