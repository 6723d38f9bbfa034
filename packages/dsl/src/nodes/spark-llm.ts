import { z } from 'zod';
import { defineNode } from './define.js';
import { llmFields, missingModelProblems } from './shared.js';

/** Chat with a model (core/workflow engine/nodes/llm/spark_llm_node.py, fields of BaseLLMNode). */
export const sparkLlm = defineNode({
  type: 'spark-llm',
  title: 'LLM',
  originalLabel: '基础节点',
  category: 'basic',
  nodeParam: z.looseObject({ ...llmFields }),
  outputs: 'user',
  fixedOutputs: [{ name: 'output', type: 'string' }],
  errorBranch: true,
  usesModel: 'always',
  check: missingModelProblems,
});
