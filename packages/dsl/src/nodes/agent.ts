import { z } from 'zod';
import { defineNode } from './define.js';
import { chatHistorySchema, missingModelProblems } from './shared.js';

/**
 * Runs an agent strategy with tools, MCP servers, workflows and knowledge bases (core/workflow
 * engine/nodes/agent/agent_node.py). The original names the model in modelConfig.domain / modelConfig.api; an
 * imported node names it in `model` instead.
 */
const knowledgeSchema = z
  .looseObject({
    name: z.string().min(1).max(128),
    description: z.string().max(1024),
    topK: z.number().int().min(1).max(5),
    repoType: z.number().int().min(1).max(2),
    match: z.looseObject({
      repoIds: z.array(z.string()).min(1),
      docIds: z.array(z.string()).min(1).nullish(),
    }),
  })
  .superRefine((knowledge, context) => {
    if (knowledge.repoType === 2 && !knowledge.match.docIds?.length) {
      context.addIssue({ code: 'custom', path: ['match', 'docIds'], message: 'repoType 2 needs docIds' });
    }
  });

export const agent = defineNode({
  type: 'agent',
  title: 'Agent',
  originalLabel: 'Agent节点',
  category: 'logic',
  nodeParam: z.looseObject({
    model: z.string().default(''),
    modelConfig: z.looseObject({
      domain: z.string().optional(),
      api: z.string().optional(),
      agentStrategy: z.number().int(),
    }),
    instruction: z.looseObject({ reasoning: z.string(), answer: z.string(), query: z.string() }),
    plugin: z.looseObject({
      mcpServerIds: z.array(z.string()),
      mcpServerUrls: z.array(z.string()),
      tools: z.array(z.unknown()),
      workflowIds: z.array(z.string()),
      knowledge: z.array(knowledgeSchema).default([]),
    }),
    maxLoopCount: z.number().int().min(1),
    stream: z.boolean().default(true),
    maxTokens: z.number().int().positive().default(10240),
    enableChatHistoryV2: chatHistorySchema.default({ isEnabled: false, rounds: 1 }),
  }),
  outputs: 'fixed',
  fixedOutputs: [
    { name: 'REASONING_CONTENT', type: 'string' },
    { name: 'output', type: 'string' },
  ],
  errorBranch: true,
  usesModel: 'always',
  check: missingModelProblems,
});
