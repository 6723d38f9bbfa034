import { z } from 'zod';
import { chatHistorySchema } from './shared.js';
import { defineNode } from './define.js';

/**
 * Retrieval from knowledge bases (core/workflow engine/nodes/knowledge/knowledge_node.py). The engine reads topN
 * as a string and the console writes a number; both are accepted.
 */
export const knowledgeBase = defineNode({
  type: 'knowledge-base',
  title: 'Knowledge base',
  originalLabel: '工具',
  category: 'basic',
  nodeParam: z.looseObject({
    repoId: z.array(z.string()),
    topN: z.union([z.number().int().min(1), z.string().regex(/^\d+$/, 'expected a number')]).default('5'),
    score: z.number().default(0.1),
    ragType: z.string().default('AIUI-RAG2'),
    docIds: z.array(z.unknown()).default([]),
    flowId: z.string().default(''),
    enableChatHistoryV2: chatHistorySchema.default({ isEnabled: false, rounds: 1 }),
  }),
  outputs: 'fixed',
  fixedOutputs: [
    { name: 'results', type: 'array-object', description: 'score, docId, title, content, context, references' },
  ],
  errorBranch: true,
});
