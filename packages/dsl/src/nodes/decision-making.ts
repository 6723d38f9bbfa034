import { z } from 'zod';
import { defineNode } from './define.js';
import { duplicateIdProblems, idsOf, llmFields, missingModelProblems } from './shared.js';

/**
 * Intent classification by a model into named branches (core/workflow engine/nodes/decision/decision_node.py).
 * The intent named "default" (intentType 1) is taken when no other intent matches.
 */
const intentSchema = z.looseObject({
  id: z.string().regex(/^intent-one-of::[0-9a-zA-Z-]+/, 'an intent id looks like intent-one-of::<uuid>'),
  name: z.string().min(1, 'the intent needs a name'),
  description: z.string().min(1, 'the intent needs a description'),
  /** 1 the default intent, 2 a user intent. */
  intentType: z.number().int().min(1).max(2),
});

export const decisionMaking = defineNode({
  type: 'decision-making',
  title: 'Decision',
  originalLabel: '基础节点',
  category: 'logic',
  nodeParam: z.looseObject({
    ...llmFields,
    promptPrefix: z.string().default(''),
    reasonMode: z.number().int().default(0),
    useFunctionCall: z.boolean().default(true),
    intentChains: z.array(intentSchema).min(1, 'a decision needs at least one intent'),
  }),
  outputs: 'fixed',
  fixedOutputs: [{ name: 'class_name', type: 'string', description: 'Name of the chosen intent' }],
  branches: (param) => idsOf(param.intentChains),
  errorBranch: true,
  usesModel: 'always',
  check: (node) => [
    ...missingModelProblems(node),
    ...duplicateIdProblems(node.data.nodeParam.intentChains, 'nodeParam.intentChains'),
  ],
});
