import { z } from 'zod';
import { defineNode } from './define.js';
import { missingModelProblems } from './shared.js';

/**
 * Agentic multi-step retrieval with an answering model (core/workflow engine/nodes/knowledge_pro/
 * knowledge_pro_node.py). ragType 1 agentic (DeepSearch), 2 long context; repoType 1 AIUI, 2 CBG (needs docIds).
 * The original requires the numbers below; the defaults are those of its console's node template.
 */
export const knowledgeProBase = defineNode({
  type: 'knowledge-pro-base',
  title: 'Knowledge base Pro',
  originalLabel: '工具',
  category: 'basic',
  nodeParam: z.looseObject({
    model: z.string().default(''),
    temperature: z.number().gt(0).lte(1).default(0.5),
    maxTokens: z.number().int().min(1).default(2048),
    topK: z.number().int().min(1).max(6).default(4),
    ragType: z.literal([1, 2], { error: 'expected 1 (agentic) or 2 (long context)' }),
    repoIds: z.array(z.string()).min(1, 'choose at least one knowledge base'),
    docIds: z.array(z.string()).default([]),
    repoType: z.literal([1, 2], { error: 'expected 1 or 2' }),
    repoTopK: z.number().int().min(1).max(5).default(3),
    answerRole: z.string().default(''),
    score: z.number().default(0.1),
  }),
  outputs: 'fixed',
  fixedOutputs: [
    { name: 'output', type: 'string' },
    { name: 'result', type: 'array-object', description: 'source_id, chunk [{chunk_context, score}]' },
  ],
  errorBranch: true,
  usesModel: 'always',
  check: missingModelProblems,
});
