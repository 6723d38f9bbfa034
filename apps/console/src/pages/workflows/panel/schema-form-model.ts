import { BRANCH_PREFIX } from '@astron/dsl';
import { isRecord } from '../editor/draft.js';
import { uuid } from '../editor/ids.js';
import { objectDefaults, propertiesOf, schemaType, type JsonSchema } from '../editor/schema-defaults.js';

/** How a nodeParam field is edited, decided from its JSON Schema (and, for a few, its name). */
export type FieldKind =
  | { kind: 'select'; options: (string | number)[] }
  | { kind: 'text'; multiline: boolean }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'object'; properties: [string, JsonSchema][] }
  | { kind: 'list'; item: JsonSchema }
  | { kind: 'strings' }
  | { kind: 'model' }
  /** An if-else or loop condition's operand: one of the node's inputs, by id. */
  | { kind: 'input-id' }
  /** A variable assigner's source: one of the node's inputs, by name. */
  | { kind: 'input-name' }
  | { kind: 'readonly' }
  | { kind: 'json' };

const LONG_TEXT = /template|prompt|code|instruction|question|sql|description|content|prefix/i;
const SAFE_INTEGER = 9007199254740991;

const boundOf = (schema: JsonSchema, key: 'minimum' | 'maximum'): number | undefined => {
  const value = schema[key];
  return typeof value === 'number' && Math.abs(value) < SAFE_INTEGER ? value : undefined;
};

export function fieldKind(key: string, schema: JsonSchema, nodeType: string): FieldKind {
  if (key === 'IterationStartNodeId') return { kind: 'readonly' };
  if (key === 'model' && schemaType(schema) === 'string') return { kind: 'model' };
  if (key === 'leftVarIndex' || key === 'rightVarIndex') return { kind: 'input-id' };
  if (key === 'input' && nodeType === 'variable-assigner') return { kind: 'input-name' };
  const options = Array.isArray(schema.enum) ? schema.enum.filter((item): item is string | number => typeof item === 'string' || typeof item === 'number') : [];
  if (Array.isArray(schema.enum) && options.length === schema.enum.length) return { kind: 'select', options };
  if (Array.isArray(schema.anyOf)) return { kind: 'json' };
  switch (schemaType(schema)) {
    case 'string':
      return { kind: 'text', multiline: LONG_TEXT.test(key) };
    case 'integer':
    case 'number': {
      const bounds: { min?: number; max?: number } = {};
      const min = boundOf(schema, 'minimum');
      const max = boundOf(schema, 'maximum');
      if (min !== undefined) bounds.min = min;
      if (max !== undefined) bounds.max = max;
      return { kind: 'number', integer: schemaType(schema) === 'integer', ...bounds };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'object': {
      const properties = propertiesOf(schema);
      return properties.length > 0 ? { kind: 'object', properties } : { kind: 'json' };
    }
    case 'array': {
      const item = isRecord(schema.items) ? schema.items : {};
      if (schemaType(item) === 'object' && propertiesOf(item).length > 0) return { kind: 'list', item };
      if (schemaType(item) === 'string' && !Array.isArray(item.enum)) return { kind: 'strings' };
      return { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

/** The prefix a new list item's id needs, from the id's pattern (`^branch_one_of::…`) or the list. */
function idPrefix(listKey: string, item: JsonSchema): string | null {
  const idSchema = propertiesOf(item).find(([name]) => name === 'id')?.[1];
  if (idSchema === undefined) return null;
  const pattern = typeof idSchema.pattern === 'string' ? /^\^([A-Za-z_-]+::)/.exec(idSchema.pattern) : null;
  if (pattern !== null) return pattern[1]!;
  return listKey === 'optionAnswer' ? BRANCH_PREFIX.option : '';
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A new item for a repeatable group: its schema's defaults, a fresh branch id, and for the lists the original
 * orders (if-else cases by level, options by letter) the next level or letter. Returns where to insert it too:
 * before the default case or option, which stays last.
 */
export function newListItem(listKey: string, item: JsonSchema, list: readonly unknown[]): { value: Record<string, unknown>; index: number } {
  const value = objectDefaults(item, false);
  const prefix = idPrefix(listKey, item);
  if (prefix !== null) value.id = `${prefix}${uuid()}`;
  const records = list.filter(isRecord);
  let index = list.length;
  if (listKey === 'cases') {
    const levels = records.map((entry) => (typeof entry.level === 'number' && entry.level !== 999 ? entry.level : 0));
    value.level = Math.max(0, ...levels) + 1;
    const fallback = list.findIndex((entry) => isRecord(entry) && entry.level === 999);
    if (fallback !== -1) index = fallback;
  }
  if (listKey === 'optionAnswer') {
    const used = new Set(records.map((entry) => entry.name));
    value.name = [...LETTERS].find((letter) => !used.has(letter)) ?? 'Z';
    value.type = 2;
    value.content_type = 'string';
    value.content = '';
    const fallback = list.findIndex((entry) => isRecord(entry) && entry.type === 1);
    if (fallback !== -1) index = fallback;
  }
  if (listKey === 'intentChains') {
    value.intentType = 2;
    value.name = `intent_${records.length}`;
    const fallback = list.findIndex((entry) => isRecord(entry) && entry.intentType === 1);
    if (fallback !== -1) index = fallback;
  }
  if (listKey === 'conditions' && value.compareOperator === undefined) value.compareOperator = 'eq';
  return { value, index };
}

/** Fields a repeatable group's item shows: its id is the branch handle, made by the editor, not typed. */
export const visibleItemProperties = (item: JsonSchema): [string, JsonSchema][] => propertiesOf(item).filter(([name]) => name !== 'id');
