import { NodeFailure, type NodeType } from '../node-type.js';

/**
 * Node types whose service arrives with a later part of the platform. They are never faked: running one fails its
 * node with a message naming what is missing (the console lists them as unavailable).
 */
const LATER: Record<string, string> = {
  'knowledge-pro-base': 'agentic retrieval (multi-step knowledge search)',
};

export const unavailableNodeTypes: NodeType[] = Object.entries(LATER).map(([type, what]) => ({
  type,
  async execute({ node }) {
    throw new NodeFailure('node_type_unavailable', `${node.aliasName} (${type}) needs ${what}, which this version of the platform does not have yet`);
  },
}));
