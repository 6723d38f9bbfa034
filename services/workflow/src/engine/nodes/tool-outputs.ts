import type { CompiledNode } from '../graph.js';

/** The value an output of this type gets when the tool's answer lacks it or holds another type (the original's schema_type_default_value). */
const ZERO: Record<string, () => unknown> = { string: () => '', integer: () => 0, number: () => 0, boolean: () => false, array: () => [], object: () => ({}) };

/** The zero value of a schema type; null for a type without one. */
export const zeroValue = (type: string | undefined): unknown => ZERO[type ?? '']?.() ?? null;

const FITS: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number',
  boolean: (value) => typeof value === 'boolean',
  array: (value) => Array.isArray(value),
  object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
};

/** A tool's answer as fields: an object as it is; anything else (a list, a text) as `result`. */
export function answerFields(answer: unknown): Record<string, unknown> {
  return FITS.object!(answer) ? (answer as Record<string, unknown>) : { result: answer };
}

/**
 * The node's declared outputs taken from the tool's answer by name, as the original plugin node maps them: a field
 * that is missing, or not of the declared type, becomes that type's zero value. A node that declares no outputs
 * passes the whole answer on.
 */
export function mapToolOutputs(node: CompiledNode, answer: Record<string, unknown>): Record<string, unknown> {
  if (node.outputs.length === 0) return answer;
  const outputs: Record<string, unknown> = {};
  for (const output of node.outputs) {
    const type = typeof output.schema.type === 'string' ? output.schema.type : '';
    const value = answer[output.name];
    const fits = FITS[type];
    if (fits === undefined) outputs[output.name] = value ?? null;
    else outputs[output.name] = value !== undefined && fits(value) ? value : zeroValue(type);
  }
  return outputs;
}
