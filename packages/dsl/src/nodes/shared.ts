import { z } from 'zod';
import type { DslNode } from '../types.js';
import type { NodeCheckProblem } from './define.js';

/**
 * Parameter groups several node types share, with the original's names and defaults (core/workflow
 * engine/nodes/base_node.py BaseLLMNode, engine/entities/history.py EnableChatHistoryV2,
 * engine/nodes/if_else/if_else_node.py Condition).
 */
export const chatHistorySchema = z.looseObject({
  isEnabled: z.boolean().default(false),
  rounds: z.number().int().positive().default(1),
});

/**
 * Model settings of LLM nodes. The original also carries provider fields (domain, url, source, appId, apiKey,
 * apiSecret, serviceId, llmId, patch_id); they are accepted as they are, and import replaces them by `model`.
 */
export const llmFields = {
  model: z
    .string()
    .default('')
    .meta({ description: 'The model, as "<providerId>/<modelId>" of the space (the original wrote a provider name)' }),
  temperature: z.number().gt(0).lte(1).default(1),
  maxTokens: z.number().int().positive().default(2048),
  topK: z.number().int().default(3),
  template: z.string().default('').meta({ description: 'User prompt; {{name}} inserts an input' }),
  systemTemplate: z.string().default(''),
  /** 0 text, 1 markdown, 2 JSON. */
  respFormat: z.literal([0, 1, 2], { error: 'expected 0 (text), 1 (markdown) or 2 (JSON)' }).default(0),
  enableChatHistory: z.boolean().default(false),
  enableChatHistoryV2: chatHistorySchema.default({ isEnabled: false, rounds: 1 }),
  searchDisable: z.boolean().default(true),
  extraParams: z.record(z.string(), z.unknown()).default({}),
};

export const COMPARE_OPERATORS = [
  'contains',
  'not_contains',
  'empty',
  'not_empty',
  'is',
  'is_not',
  'start_with',
  'end_with',
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'null',
  'not_null',
] as const;

/** Operators that take no right operand. */
const UNARY_OPERATORS: readonly string[] = ['empty', 'not_empty', 'null', 'not_null'];

/** A comparison of two of the node's inputs, named by input id (leftVarIndex / rightVarIndex). */
export const conditionSchema = z.looseObject({
  leftVarIndex: z.string().nullish(),
  rightVarIndex: z.string().nullish(),
  compareOperator: z.enum(COMPARE_OPERATORS, { error: `expected one of ${COMPARE_OPERATORS.join(', ')}` }),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `id` of each item of a list in nodeParam (branch handles); tolerant of malformed lists. */
export function idsOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => (isRecord(item) && typeof item.id === 'string' && item.id ? [item.id] : []));
}

/** Conditions must compare inputs of the node itself: their var indexes are input ids. */
export function conditionProblems(node: DslNode, conditions: unknown, field: string): NodeCheckProblem[] {
  if (!Array.isArray(conditions)) return [];
  const inputIds = new Set(node.data.inputs.map((input) => input.id).filter(Boolean));
  const problems: NodeCheckProblem[] = [];
  const report = (index: number, side: string, message: string) =>
    problems.push({ code: 'unknown-condition-variable', field: `${field}[${index}].${side}`, message });
  conditions.forEach((condition: unknown, index) => {
    if (!isRecord(condition)) return;
    const { leftVarIndex: left, rightVarIndex: right, compareOperator: operator } = condition;
    if (left === undefined || left === null || left === '') {
      report(index, 'leftVarIndex', 'the condition does not name the input it compares');
    } else if (typeof left !== 'string' || !inputIds.has(left)) {
      report(index, 'leftVarIndex', `the condition compares input id ${JSON.stringify(left)}, which is not an input of this node`);
    }
    const unary = typeof operator === 'string' && UNARY_OPERATORS.includes(operator);
    if (unary || right === undefined || right === null || right === '') return;
    if (typeof right !== 'string' || !inputIds.has(right)) {
      report(index, 'rightVarIndex', `the condition compares with input id ${JSON.stringify(right)}, which is not an input of this node`);
    }
  });
  return problems;
}

/** A node that runs a model needs one; an import that could not map the original's model leaves it empty. */
export function missingModelProblems(node: DslNode): NodeCheckProblem[] {
  const param = node.data.nodeParam;
  const config = isRecord(param.modelConfig) ? param.modelConfig : {};
  const model = param.model || config.domain;
  if (typeof model === 'string' && model.trim() !== '') return [];
  return [{ code: 'missing-model', field: 'nodeParam.model', message: 'no model is chosen for this node' }];
}

/** Two branches with one id cannot be told apart by edges. */
export function duplicateIdProblems(list: unknown, field: string): NodeCheckProblem[] {
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const problems: NodeCheckProblem[] = [];
  list.forEach((item: unknown, index) => {
    const id = isRecord(item) ? item.id : undefined;
    if (typeof id !== 'string' || !id) return;
    if (seen.has(id)) {
      problems.push({ code: 'invalid-node-param', field: `${field}[${index}].id`, message: `branch id "${id}" is used twice` });
    }
    seen.add(id);
  });
  return problems;
}
