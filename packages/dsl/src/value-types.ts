/**
 * Value types of inputs and outputs, in both spellings the original uses: the engine's JSON-schema form
 * (`{type: 'array', items: {type: 'string'}}`, object `properties` as a map) and the console's form
 * (`{type: 'array-string'}`, `properties` as a list of `{name, type, properties?}`).
 */
export const ELEMENT_TYPES = ['string', 'boolean', 'integer', 'number', 'object'] as const;
export const VALUE_TYPES = [
  'string',
  'boolean',
  'integer',
  'number',
  'object',
  'array',
  'array-string',
  'array-boolean',
  'array-integer',
  'array-number',
  'array-object',
] as const;

export type ValueType = (typeof VALUE_TYPES)[number];
/** A value type, or 'any' when the schema does not say (an unset type, or a property list left empty). */
export type TypeTag = ValueType | 'any';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isValueType = (value: string): value is ValueType => (VALUE_TYPES as readonly string[]).includes(value);

/** The type of an input or output schema in one spelling: `array` with string items becomes `array-string`. */
export function typeTagOf(schema: unknown): TypeTag {
  if (!isRecord(schema) || typeof schema.type !== 'string' || !isValueType(schema.type)) return 'any';
  if (schema.type !== 'array') return schema.type;
  const itemType = isRecord(schema.items) ? schema.items.type : undefined;
  return typeof itemType === 'string' && isValueType(`array-${itemType}`) ? (`array-${itemType}` as ValueType) : 'array';
}

/** Whether a value of type `actual` may be bound to an input declared as `declared` (an integer is a number). */
export function isAssignable(declared: TypeTag, actual: TypeTag): boolean {
  if (declared === 'any' || actual === 'any' || declared === actual) return true;
  if (declared === 'number' && actual === 'integer') return true;
  if (declared === 'array-number' && actual === 'array-integer') return true;
  if (declared === 'array' && actual.startsWith('array')) return true;
  return actual === 'array' && declared.startsWith('array');
}

/**
 * The schema of property `key` in a properties map or list: undefined when the schema lists no properties (the
 * value is then not checked further), null when it lists some but not this one.
 */
function lookupProperty(properties: unknown, key: string): Record<string, unknown> | null | undefined {
  if (Array.isArray(properties)) {
    if (properties.length === 0) return undefined;
    const entry: unknown = properties.find((item) => isRecord(item) && item.name === key);
    return isRecord(entry) ? entry : null;
  }
  if (isRecord(properties)) {
    if (Object.keys(properties).length === 0) return undefined;
    const entry = properties[key];
    return isRecord(entry) ? entry : null;
  }
  return undefined;
}

export interface NamedSchema {
  name: string;
  schema?: unknown;
}

export type ResolvedOutput = { found: true; type: TypeTag } | { found: false; missing: string };

/**
 * The type of a reference `name` into a node's outputs. As in the original's variable pool, `a.b` reads property `b`
 * of object output `a`; on an array of objects it reads `b` of every element and yields an array.
 */
export function resolveOutput(outputs: readonly NamedSchema[], name: string): ResolvedOutput {
  const [head = '', ...path] = name.split('.');
  const output = outputs.find((item) => item.name === head);
  if (!output) return { found: false, missing: head };
  let schema: unknown = output.schema;
  let overElements = false;
  for (const key of path) {
    const type = typeTagOf(schema);
    if (type === 'any' || type === 'array') return { found: true, type: overElements ? 'array' : 'any' };
    if (type !== 'object' && type !== 'array-object') return { found: false, missing: key };
    const holder = schema as Record<string, unknown>;
    let properties = holder.properties;
    if (type === 'array-object') {
      overElements = true;
      if (isRecord(holder.items)) properties = holder.items.properties;
    }
    const next = lookupProperty(properties, key);
    if (next === null) return { found: false, missing: key };
    if (next === undefined) return { found: true, type: overElements ? 'array' : 'any' };
    schema = next;
  }
  const type = typeTagOf(schema);
  if (!overElements) return { found: true, type };
  if (type === 'any' || type.startsWith('array')) return { found: true, type: 'array' };
  return { found: true, type: `array-${type}` as ValueType };
}

/** 'array-string' → 'string'; the element type of an array type, 'any' when unknown. */
export function elementTypeOf(type: TypeTag): TypeTag {
  return type.startsWith('array-') ? (type.slice('array-'.length) as TypeTag) : 'any';
}
