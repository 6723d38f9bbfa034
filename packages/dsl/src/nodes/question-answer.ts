import { z } from 'zod';
import { defineNode } from './define.js';
import { duplicateIdProblems, idsOf, llmFields } from './shared.js';

/**
 * Asks the user and pauses until the answer (core/workflow engine/nodes/question_answer/question_answer_node.py).
 * answerType "option" offers optionAnswer (names A-Z, and "default" for any other answer) and branches by option
 * id; "direct" takes a free answer, optionally extracted by the model into the extra outputs beside query and
 * content. timeout is the original's (1 to 5).
 */
const optionSchema = z.looseObject({
  id: z.string().min(1),
  name: z.union([z.literal('default'), z.string().regex(/^[A-Z]$/, 'an option name is one capital letter or "default"')]),
  /** 1 the default option, 2 a user option. */
  type: z.literal([1, 2], { error: 'expected 1 (default) or 2 (user option)' }),
  content_type: z.string(),
  content: z.string(),
});

export const questionAnswer = defineNode({
  type: 'question-answer',
  title: 'Question',
  originalLabel: '基础节点',
  category: 'basic',
  nodeParam: z
    .looseObject({
      ...llmFields,
      question: z.string(),
      answerType: z.enum(['option', 'direct'], { error: 'expected option or direct' }),
      timeout: z.number().int().min(1).max(5),
      needReply: z.boolean(),
      directAnswer: z.looseObject({
        handleResponse: z.boolean(),
        maxRetryCounts: z.number().int().min(1).max(5),
      }),
      optionAnswer: z.array(optionSchema).default([]),
      instruction: z.string().default(''),
    })
    .superRefine((param, context) => {
      if (param.answerType === 'option' && param.optionAnswer.length === 0) {
        context.addIssue({ code: 'custom', path: ['optionAnswer'], message: 'answerType "option" needs options' });
      }
    }),
  outputs: 'user',
  fixedOutputs: [
    { name: 'query', type: 'string', description: 'The question asked' },
    { name: 'content', type: 'string', description: "The user's answer" },
  ],
  branches: (param) => (param.answerType === 'option' ? idsOf(param.optionAnswer) : []),
  errorBranch: false,
  usesModel: 'optional',
  check: (node) => duplicateIdProblems(node.data.nodeParam.optionAnswer, 'nodeParam.optionAnswer'),
});
