import type { JsonSchema } from './types.js';

/** JSON-schema keywords a model's function parameters understand; the rest (x-*, xml, examples ...) is noise to it. */
const KEPT = new Set([
  'type', 'title', 'description', 'enum', 'const', 'default', 'format', 'pattern',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
]);
const NESTED_LISTS = ['anyOf', 'oneOf', 'allOf'] as const;

/** Deeper than this, a schema says "anything": keeps descriptors small for huge or recursive documents. */
const MAX_DEPTH = 12;

export type SchemaUse = 'input' | 'output';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A document schema (OpenAPI 3.0/3.1 or Swagger 2, references already replaced) as plain JSON schema for a model.
 * A recursive schema is followed once: where it would contain itself again, an open schema stands. Read-only
 * properties are left out of inputs and write-only ones out of outputs; OpenAPI 3.0's `nullable` becomes a null type.
 */
export function cleanSchema(schema: unknown, use: SchemaUse, depth = 0, ancestors: Set<object> = new Set()): JsonSchema {
  if (!isRecord(schema) || typeof schema.$ref === 'string' || depth > MAX_DEPTH || ancestors.has(schema)) return {};
  ancestors.add(schema);
  try {
    return cleanKnown(schema, use, depth, ancestors);
  } finally {
    ancestors.delete(schema);
  }
}

function cleanKnown(schema: Record<string, unknown>, use: SchemaUse, depth: number, ancestors: Set<object>): JsonSchema {
  const result: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) if (KEPT.has(key)) result[key] = value;
  if (schema.nullable === true && typeof schema.type === 'string') result.type = [schema.type, 'null'];
  if (isRecord(schema.properties)) {
    const hidden = use === 'input' ? 'readOnly' : 'writeOnly';
    const properties: Record<string, JsonSchema> = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      if (isRecord(property) && property[hidden] === true) continue;
      properties[name] = cleanSchema(property, use, depth + 1, ancestors);
    }
    result.properties = properties;
    if (Array.isArray(schema.required)) result.required = schema.required.filter((name) => typeof name === 'string' && name in properties);
  }
  if (schema.items !== undefined) result.items = cleanSchema(schema.items, use, depth + 1, ancestors);
  if (isRecord(schema.additionalProperties)) result.additionalProperties = cleanSchema(schema.additionalProperties, use, depth + 1, ancestors);
  else if (typeof schema.additionalProperties === 'boolean') result.additionalProperties = schema.additionalProperties;
  for (const key of NESTED_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) result[key] = list.map((item) => cleanSchema(item, use, depth + 1, ancestors));
  }
  if (result.type === undefined && result.properties !== undefined) result.type = 'object';
  return result;
}

/** Property names and required names of an object schema, or null when the schema is not a plain object. */
export function objectShape(schema: JsonSchema): { properties: Record<string, JsonSchema>; required: string[] } | null {
  const isObject = schema.type === 'object' || (schema.type === undefined && isRecord(schema.properties));
  if (!isObject || !isRecord(schema.properties) || Object.keys(schema.properties).length === 0) return null;
  if (NESTED_LISTS.some((key) => schema[key] !== undefined)) return null;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return { properties: schema.properties as Record<string, JsonSchema>, required };
}
