import { NodeFailure, type NodeType } from '../node-type.js';

interface KnowledgeParam {
  repoId?: string[];
  topN?: number | string;
  score?: number;
  docIds?: unknown[];
}

/**
 * knowledge-base: retrieves passages from the space's knowledge bases (nodeParam.repoId) for the node's `query`
 * input (or its first input), the best topN at or above the score threshold, optionally only from docIds. Outputs
 * `results` as the original's: [{ score, docId, title, content, context, references }], plus where each passage is.
 */
export const knowledgeBaseNode: NodeType = {
  type: 'knowledge-base',
  async execute({ node, inputs, services, run, signal }) {
    const param = node.param as KnowledgeParam;
    const kbIds = (param.repoId ?? []).filter((id) => typeof id === 'string' && id !== '');
    if (kbIds.length === 0) throw new NodeFailure('knowledge_not_configured', `${node.aliasName} searches no knowledge base; choose at least one`);
    if (services.knowledge === undefined) throw new NodeFailure('knowledge_unavailable', `${node.aliasName} needs the knowledge service, which this process cannot reach`);
    const query = inputs.query ?? (node.inputs[0] === undefined ? undefined : inputs[node.inputs[0].name]);
    if (typeof query !== 'string' || query.trim() === '') throw new NodeFailure('knowledge_query_empty', `${node.aliasName} has nothing to search for: its query input is empty`);
    const topK = Math.max(1, Math.min(50, Number(param.topN ?? 5) || 5));
    const scoreThreshold = Math.max(0, Math.min(1, Number(param.score ?? 0)));
    const documentIds = (param.docIds ?? []).filter((id): id is string => typeof id === 'string' && id !== '');
    const passages = await services.knowledge(run.spaceId, { kbIds, query, topK, scoreThreshold, ...(documentIds.length === 0 ? {} : { filters: { documentIds } }) }, signal);
    return {
      outputs: {
        results: passages.map((passage) => ({
          score: passage.score,
          docId: passage.documentId,
          title: passage.documentName,
          content: passage.content,
          context: passage.content,
          references: {},
          kbId: passage.kbId,
          chunkId: passage.chunkId,
          position: passage.position,
          page: passage.page ?? null,
        })),
      },
    };
  },
};
