import { NodeFailure } from '../node-type.js';
import { valueAt } from './template.js';

/** A statement whose values travel apart from its text, as $1, $2 ... in the order of `params`. */
export interface BoundStatement {
  sql: string;
  params: unknown[];
}

/** A piece of SQL text: where placeholders are bound (code, strings), refused (quoted names) or left alone (comments, dollar quotes). */
interface Segment {
  kind: 'code' | 'string' | 'name' | 'inert';
  text: string;
}

const PLACEHOLDERS = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g;
const hasPlaceholder = (text: string) => /\{\{\s*[^{}\s][^{}]*?\s*\}\}/.test(text);

/** A value as the memory service takes a parameter: lists of plain values stay lists, other structures go as JSON text. */
export function asParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item)) ? value : JSON.stringify(value);
  return value;
}

const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;
const WORD = /[A-Za-z0-9_$]/;

/** Where the construct starting at `index` ends (just after it), as PostgreSQL reads it with standard_conforming_strings on. */
function endOf(template: string, index: number): { kind: Segment['kind']; end: number } | null {
  const close = (kind: Segment['kind'], from: number, closing: string) => {
    const at = template.indexOf(closing, from);
    return { kind, end: at === -1 ? template.length : at + closing.length };
  };
  const char = template[index];
  if (template.startsWith('--', index)) return close('inert', index + 2, '\n');
  if (template.startsWith('/*', index)) return close('inert', index + 2, '*/');
  if (char === '"') return close('name', index + 1, '"');
  const afterWord = WORD.test(template[index - 1] ?? '');
  if (char === '$' && !afterWord) {
    DOLLAR_TAG.lastIndex = index;
    const tag = DOLLAR_TAG.exec(template)?.[0];
    if (tag !== undefined) return close('inert', index + tag.length, tag);
  }
  const escapes = (char === 'e' || char === 'E') && template[index + 1] === "'" && !afterWord;
  if (!escapes && char !== "'") return null;
  let at = index + (escapes ? 2 : 1);
  while (at < template.length) {
    if (escapes && template[at] === '\\') at += 2;
    else if (template[at] === "'" && template[at + 1] === "'") at += 2;
    else if (template[at] === "'") return { kind: 'string', end: at + 1 };
    else at += 1;
  }
  throw new NodeFailure('sql_syntax_error', 'the SQL has a quoted string that never ends');
}

function segmentsOf(template: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let index = 0;
  while (index < template.length) {
    const construct = endOf(template, index);
    if (construct === null) {
      index += 1;
      continue;
    }
    if (index > start) segments.push({ kind: 'code', text: template.slice(start, index) });
    segments.push({ kind: construct.kind, text: template.slice(index, construct.end) });
    index = construct.end;
    start = index;
  }
  if (start < template.length) segments.push({ kind: 'code', text: template.slice(start) });
  return segments;
}

/**
 * The original database node spliced `{{name}}` into its SQL text, which let an input rewrite the statement. Here
 * each placeholder becomes a parameter: `{{name}}` in the statement is `$n`; inside a quoted string ('%{{q}}%', as
 * people wrote for the original) the string becomes a concatenation of its text and the parameter. Placeholders in
 * comments and dollar-quoted strings stay text; one inside a quoted name is refused (a name cannot be a parameter).
 */
export function bindPlaceholders(template: string, inputs: Record<string, unknown>, aliasName: string): BoundStatement {
  const params: unknown[] = [];
  const numbers = new Map<string, number>();
  const parameter = (path: string): string => {
    let number = numbers.get(path);
    if (number === undefined) {
      const { found, value } = valueAt(inputs, path);
      if (!found) throw new NodeFailure('database_input_missing', `${aliasName}: the SQL uses {{${path}}}, which names no input of the node`);
      params.push(asParameter(value));
      number = params.length;
      numbers.set(path, number);
    }
    return `$${number}`;
  };
  const boundString = (text: string): string => {
    const prefix = /^[eE]/.test(text) ? text[0]! : '';
    const body = text.slice(prefix.length + 1, -1);
    // A string that is one placeholder ('{{id}}') is the parameter alone, typed by its context as the literal was.
    const whole = /^\{\{\s*([^{}\s][^{}]*?)\s*\}\}$/.exec(body);
    if (whole !== null) return parameter(whole[1]!);
    const parts: string[] = [];
    let last = 0;
    for (const match of body.matchAll(PLACEHOLDERS)) {
      if (match.index > last) parts.push(`${prefix}'${body.slice(last, match.index)}'`);
      parts.push(`${parameter(match[1]!)}::text`);
      last = match.index + match[0].length;
    }
    if (last < body.length) parts.push(`${prefix}'${body.slice(last)}'`);
    return `(${parts.join(' || ')})`;
  };
  let segments: Segment[];
  try {
    segments = segmentsOf(template);
  } catch (error) {
    throw error instanceof NodeFailure ? new NodeFailure(error.code, `${aliasName}: ${error.message}`) : error;
  }
  const sql = segments
    .map((segment) => {
      if (segment.kind === 'inert' || !hasPlaceholder(segment.text)) return segment.text;
      if (segment.kind === 'code') return segment.text.replace(PLACEHOLDERS, (_placeholder, path: string) => parameter(path));
      if (segment.kind === 'string') return boundString(segment.text);
      throw new NodeFailure('database_placeholder_in_name', `${aliasName}: a placeholder inside a quoted name (${segment.text}) cannot be bound; write table and column names out`);
    })
    .join('');
  return { sql, params };
}
