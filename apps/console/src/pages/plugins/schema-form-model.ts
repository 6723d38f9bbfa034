import type { JsonSchema } from '../../api/plugin-types.js';

export type InputKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

/** One input of an operation, as the form shows it. */
export interface InputField {
  name: string;
  kind: InputKind;
  required: boolean;
  description: string;
  options: string[];
}

function kindOf(schema: JsonSchema): InputKind {
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== 'null') : schema.type;
  return type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' ? type : 'json';
}

/** The fields of an object schema's properties; null when the schema is not a plain object the form can draw. */
export function fieldsOf(schema: JsonSchema): InputField[] | null {
  if (schema.properties === undefined || typeof schema.properties !== 'object')
    return schema.type === 'object' ? [] : null;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    kind: kindOf(property),
    required: required.has(name),
    description: property.description ?? property.title ?? '',
    options: kindOf(property) === 'enum' ? (property.enum as string[]) : [],
  }));
}

export type InputsResult =
  | { ok: true; inputs: Record<string, unknown> }
  | { ok: false; errors: Record<string, 'required' | 'number' | 'json'> };

/** The inputs of the typed values: empty optional fields left out, numbers and JSON parsed. */
export function inputsFrom(fields: InputField[], values: Record<string, string>): InputsResult {
  const inputs: Record<string, unknown> = {};
  const errors: Record<string, 'required' | 'number' | 'json'> = {};
  for (const field of fields) {
    const text = values[field.name] ?? '';
    if (field.kind === 'boolean') {
      if (text !== '') inputs[field.name] = text === 'true';
      else if (field.required) errors[field.name] = 'required';
      continue;
    }
    if (text.trim() === '') {
      if (field.required) errors[field.name] = 'required';
      continue;
    }
    if (field.kind === 'number' || field.kind === 'integer') {
      const value = Number(text.trim());
      if (!Number.isFinite(value) || (field.kind === 'integer' && !Number.isInteger(value)))
        errors[field.name] = 'number';
      else inputs[field.name] = value;
    } else if (field.kind === 'json') {
      try {
        inputs[field.name] = JSON.parse(text) as unknown;
      } catch {
        errors[field.name] = 'json';
      }
    } else inputs[field.name] = text;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, inputs };
}

/** A JSON object typed by hand (raw mode, MCP arguments); null when it is not one. */
export function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text.trim() === '' ? '{}' : text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
