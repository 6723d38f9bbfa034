import { typeTagOf } from '@astron/dsl';
import type { Draft } from '../editor/draft.js';
import { typeOfNode } from '../editor/draft.js';

/** One parameter of a run: an output of the start node. */
export interface RunField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export function runFields(draft: Draft): RunField[] {
  const start = draft.nodes.find((node) => typeOfNode(node) === 'node-start' && node.parentId === undefined);
  return (start?.data.outputs ?? [])
    .filter((output) => output.name !== '')
    .map((output) => ({
      name: output.name,
      type: typeTagOf(output.schema),
      required: output.required === true || output.name === 'AGENT_USER_INPUT',
      description: typeof output.schema.description === 'string' ? output.schema.description : '',
    }));
}

export type ParsedInputs = { ok: true; inputs: Record<string, unknown> } | { ok: false; errors: Record<string, 'required' | 'json' | 'number'> };

/** The typed values of the form: numbers as numbers, objects and arrays from JSON; empty optional ones left out. */
export function parseRunInputs(fields: RunField[], values: Record<string, string | boolean>): ParsedInputs {
  const inputs: Record<string, unknown> = {};
  const errors: Record<string, 'required' | 'json' | 'number'> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.type === 'boolean') {
      inputs[field.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (text.trim() === '') {
      if (field.required) errors[field.name] = 'required';
      continue;
    }
    if (field.type === 'number' || field.type === 'integer') {
      const number = Number(text);
      if (Number.isNaN(number)) errors[field.name] = 'number';
      else inputs[field.name] = number;
    } else if (field.type === 'object' || field.type.startsWith('array')) {
      try {
        inputs[field.name] = JSON.parse(text) as unknown;
      } catch {
        errors[field.name] = 'json';
      }
    } else {
      inputs[field.name] = text;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, inputs };
}
