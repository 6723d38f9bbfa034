import { z } from 'zod';
import { defineNode } from './define.js';
import { llmFields, missingModelProblems } from './shared.js';

/**
 * Structured extraction by a model (core/workflow engine/nodes/params_extractor/pe_node.py): every output is a
 * parameter to extract, with its type, description and whether it is required.
 */
export const extractorParameter = defineNode({
  type: 'extractor-parameter',
  title: 'Parameter extractor',
  originalLabel: '基础节点',
  category: 'transform',
  nodeParam: z.looseObject({
    ...llmFields,
    /** 0 function calling, 1 prompt. */
    reasonMode: z.number().int().default(0),
    instruction: z.string().default(''),
  }),
  outputs: 'user',
  errorBranch: true,
  usesModel: 'always',
  check: missingModelProblems,
});
