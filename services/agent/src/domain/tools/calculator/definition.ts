import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { evaluate, formatNumber } from './expression.js';

export const calculator = defineTool({
  name: 'calculator',
  description:
    'Evaluates an arithmetic expression exactly. Operators: + - * / % ^ and parentheses; functions: sqrt, abs, round(x[, digits]), floor, ceil, min, max; constants: pi, e.',
  inputSchema: z.object({ expression: z.string().min(1).max(1000).describe('for example (2 + 3) * sqrt(16) / 4') }),
  timeoutMs: 1_000,
  async run({ expression }) {
    return { expression, result: formatNumber(evaluate(expression)) };
  },
});
