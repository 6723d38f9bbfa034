import { parse as parseYaml } from 'yaml';
import { DslImportError } from './result.js';

/** A document given as an object, or as JSON or YAML text. */
export function readDocument(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    try {
      return parseYaml(input, { maxAliasCount: 100 }) as unknown;
    } catch (error) {
      throw new DslImportError('unreadable', `The file is neither JSON nor YAML: ${(error as Error).message}`);
    }
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
