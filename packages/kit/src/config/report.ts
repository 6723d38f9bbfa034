import type { z } from 'zod';

/**
 * Family builders return a value or a message; this files the message as an issue against the
 * variable so that the start-up error names it, and keeps going to collect the others.
 */
export function reportTo<T>(context: z.RefinementCtx, variable: string, result: T | string): T | undefined {
  if (typeof result !== 'string') return result;
  context.addIssue({ code: 'custom', path: [variable], message: result });
  return undefined;
}
