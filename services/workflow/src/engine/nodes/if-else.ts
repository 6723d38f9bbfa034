import { NodeFailure, type NodeContext, type NodeType } from '../node-type.js';
import { asText } from './template.js';

/** The case level the original gives the default branch ("else"): it is taken when no other case holds. */
const DEFAULT_LEVEL = 999;

interface Condition {
  leftVarIndex?: string | null;
  rightVarIndex?: string | null;
  compareOperator: string;
}

interface Case {
  id: string;
  level: number;
  logicalOperator: 'and' | 'or';
  conditions: Condition[];
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && Object.keys(value).length === 0);

function number(value: unknown): number | null {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isNaN(parsed) ? null : parsed;
}

/** The original's operators: text and lists (contains, start/end with, is), numbers (eq ... le), emptiness and null. */
export function compare(operator: string, actual: unknown, expected: unknown): boolean {
  switch (operator) {
    case 'contains':
      return (typeof actual === 'string' && actual.includes(asText(expected))) || (Array.isArray(actual) && actual.some((item) => item === expected || asText(item) === asText(expected)));
    case 'not_contains':
      return !compare('contains', actual, expected);
    case 'start_with':
      return typeof actual === 'string' && actual.startsWith(asText(expected));
    case 'end_with':
      return typeof actual === 'string' && actual.endsWith(asText(expected));
    case 'is':
      return asText(actual) === asText(expected);
    case 'is_not':
      return !compare('is', actual, expected);
    case 'empty':
      return isEmpty(actual);
    case 'not_empty':
      return !isEmpty(actual);
    case 'null':
      return actual === null || actual === undefined;
    case 'not_null':
      return actual !== null && actual !== undefined;
    case 'eq':
    case 'ne':
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      const left = number(actual);
      const right = number(expected);
      if (left === null || right === null) throw new NodeFailure('if_else_not_a_number', `${operator} compares numbers, got ${JSON.stringify(actual)} and ${JSON.stringify(expected)}`);
      return { eq: left === right, ne: left !== right, gt: left > right, ge: left >= right, lt: left < right, le: left <= right }[operator];
    }
    default:
      throw new NodeFailure('if_else_unknown_operator', `unknown compare operator ${operator}`);
  }
}

function valueOf(context: NodeContext, reference: string | null | undefined): unknown {
  if (reference === null || reference === undefined || reference === '') return undefined;
  const input = context.node.inputs.find((item) => item.id === reference) ?? context.node.inputs.find((item) => item.name === reference);
  if (input === undefined) throw new NodeFailure('if_else_unknown_variable', `a condition names ${reference}, which is not an input of ${context.node.id}`);
  return context.inputs[input.name];
}

/** if-else: cases in level order, the first whose conditions hold (and / or) is the branch; level 999 is the default. */
export const ifElseNode: NodeType = {
  type: 'if-else',
  async execute(context) {
    const cases = [...((context.node.param.cases as Case[] | undefined) ?? [])].sort((a, b) => a.level - b.level);
    if (cases.length === 0) throw new NodeFailure('if_else_no_cases', `${context.node.id} has no cases`);
    for (const item of cases) {
      if (item.level === DEFAULT_LEVEL) return { outputs: { result: item.id }, branch: item.id };
      const results = item.conditions.map((condition) => compare(condition.compareOperator, valueOf(context, condition.leftVarIndex), valueOf(context, condition.rightVarIndex)));
      const holds = item.logicalOperator === 'or' ? results.some(Boolean) : results.every(Boolean);
      if (holds) return { outputs: { result: item.id }, branch: item.id };
    }
    const fallback = cases.at(-1) as Case;
    return { outputs: { result: fallback.id }, branch: fallback.id };
  },
};
