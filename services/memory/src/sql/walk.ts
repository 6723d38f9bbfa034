import { refuse } from './errors.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/**
 * A place in a parse tree: a node wrapped as `{TypeName: body}` (any Node* field of PostgreSQL's structs), or a
 * struct embedded without a wrapper (`relation`, `typeName`, `withClause` ...), then `type` is null and `field`
 * says where it sits.
 */
export interface TreeNode {
  type: string | null;
  body: JsonObject;
  field: string;
}

const isNodeType = (key: string) => /^[A-Z]/.test(key);

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/** Every node of the tree, parents before children. A wrapper that does not hold exactly one node is refused. */
export function walkTree(value: Json | undefined, visit: (node: TreeNode) => void, field = ''): void {
  if (Array.isArray(value)) {
    for (const item of value) walkTree(item, visit, field);
    return;
  }
  if (!isObject(value)) return;
  const keys = Object.keys(value);
  const typed = keys.filter(isNodeType);
  if (typed.length > 0) {
    const [type] = typed;
    const body = type === undefined ? undefined : value[type];
    if (typed.length !== 1 || keys.length !== 1 || type === undefined || !isObject(body)) {
      return refuse('sql_construct_not_allowed', `unexpected parse tree shape near ${typed.join(', ')}`);
    }
    visit({ type, body, field });
    for (const [key, child] of Object.entries(body)) walkTree(child, visit, key);
    return;
  }
  visit({ type: null, body: value, field });
  for (const [key, child] of Object.entries(value)) walkTree(child, visit, key);
}

/** The names of a `[{String: {sval}}]` list (qualified names, operator names). */
export function namesOf(list: Json | undefined): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const value = isObject(item) && isObject(item.String) ? item.String.sval : undefined;
    return typeof value === 'string' ? value : '';
  });
}

export function objectField(body: JsonObject, key: string): JsonObject | undefined {
  const value = body[key];
  return isObject(value) ? value : undefined;
}

/** The wrapped node in `value` ({Type: body}), if it is one. */
export function unwrap(value: Json | undefined): { type: string; body: JsonObject } | undefined {
  if (!isObject(value)) return undefined;
  const [type] = Object.keys(value);
  const body = type === undefined ? undefined : value[type];
  return type !== undefined && isNodeType(type) && isObject(body) ? { type, body } : undefined;
}

export function stringField(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}
