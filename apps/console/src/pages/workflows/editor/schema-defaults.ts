import { isRecord } from './draft.js';

/** A JSON Schema as nodeParamJsonSchema writes it (zod's toJSONSchema, input side). */
export type JsonSchema = Record<string, unknown>;

export const schemaType = (schema: JsonSchema): string | undefined => {
  const type = schema.type;
  if (typeof type === 'string') return type;
  // ['string', 'null']: a nullable value, edited as its first type.
  if (Array.isArray(type)) return type.find((item): item is string => typeof item === 'string' && item !== 'null');
  return undefined;
};

export const propertiesOf = (schema: JsonSchema): [string, JsonSchema][] =>
  isRecord(schema.properties)
    ? Object.entries(schema.properties).filter((entry): entry is [string, JsonSchema] => isRecord(entry[1]))
    : [];

export const requiredOf = (schema: JsonSchema): string[] =>
  Array.isArray(schema.required) ? schema.required.filter((item): item is string => typeof item === 'string') : [];

/**
 * The value a new form field starts with: the schema's default, else the first of an enum, else an empty value of
 * its type (a minimum for numbers, the required properties of an object, `minItems` empty items of an array).
 */
export function defaultFor(schema: JsonSchema): unknown {
  if ('default' in schema) return structuredClone(schema.default);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.anyOf)) {
    const first: unknown = schema.anyOf[0];
    return isRecord(first) ? defaultFor(first) : undefined;
  }
  switch (schemaType(schema)) {
    case 'string':
      return '';
    case 'integer':
    case 'number': {
      const minimum = typeof schema.minimum === 'number' && schema.minimum > 0 ? schema.minimum : undefined;
      return minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 0);
    }
    case 'boolean':
      return false;
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const items = isRecord(schema.items) ? schema.items : {};
      return Array.from({ length: count }, () => defaultFor(items));
    }
    case 'object':
      return objectDefaults(schema, false);
    default:
      return undefined;
  }
}

/** Defaults of an object's properties: those with a default, and (always) the required ones. */
export function objectDefaults(schema: JsonSchema, everyProperty: boolean): Record<string, unknown> {
  const required = new Set(requiredOf(schema));
  const value: Record<string, unknown> = {};
  for (const [key, property] of propertiesOf(schema)) {
    if (!everyProperty && !required.has(key) && !('default' in property)) continue;
    const initial = defaultFor(property);
    if (initial !== undefined) value[key] = initial;
  }
  return value;
}
