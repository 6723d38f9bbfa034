/**
 * Jinja2 templates (Dify's template-transform node) turned into Liquid (our template-transform node, liquidjs with
 * strict filters). The common subset converts: `{{ x }}` with paths, `{% for %}` (with `loop.*` → `forloop.*`,
 * filtered iterables and `range()`), `{% if %}` / `elif` / `else` (with `in`, `is defined`, `is none`, a leading
 * `not`, and `|length` in conditions), `{% set %}`, comments, `raw`, `~` concatenation, one arithmetic operator,
 * string methods (`.upper()`...) and the filters listed in FILTERS. Anything else is kept as written and reported,
 * so the caller can warn: such a template fails when it runs until someone rewrites that part.
 */
export interface LiquidConversion {
  template: string;
  /** What could not be converted, each as written in the source ("filter indent", "{% macro %}"...). */
  unsupported: string[];
}

type FilterRule = { to: string; args?: 'keep' | 'first' | 'none' | ((args: string[]) => string[]) } | { drop: true };

/** Jinja filter → Liquid filter. `first`: only the first argument is kept; `none`: arguments are dropped. */
const FILTERS: Record<string, FilterRule> = {
  upper: { to: 'upcase', args: 'none' },
  lower: { to: 'downcase', args: 'none' },
  capitalize: { to: 'capitalize', args: 'none' },
  trim: { to: 'strip', args: 'none' },
  length: { to: 'size', args: 'none' },
  count: { to: 'size', args: 'none' },
  join: { to: 'join', args: (args) => [args[0] ?? "''"] },
  default: { to: 'default', args: 'first' },
  d: { to: 'default', args: 'first' },
  replace: { to: 'replace', args: (args) => args.slice(0, 2) },
  first: { to: 'first', args: 'none' },
  last: { to: 'last', args: 'none' },
  reverse: { to: 'reverse', args: 'none' },
  sort: { to: 'sort', args: 'first' },
  unique: { to: 'uniq', args: 'none' },
  abs: { to: 'abs', args: 'none' },
  round: { to: 'round', args: 'first' },
  int: { to: 'floor', args: 'none' },
  float: { to: 'plus', args: () => ['0'] },
  truncate: { to: 'truncate', args: (args) => [args[0] ?? '255'] },
  escape: { to: 'escape', args: 'none' },
  e: { to: 'escape', args: 'none' },
  striptags: { to: 'strip_html', args: 'none' },
  tojson: { to: 'json', args: 'none' },
  urlencode: { to: 'url_encode', args: 'none' },
  wordcount: { to: 'number_of_words', args: 'none' },
  map: { to: 'map', args: 'first' },
  sum: { to: 'sum', args: 'first' },
  title: { to: 'capitalize', args: 'none' },
  safe: { drop: true },
  string: { drop: true },
};

/** Filters whose extra arguments change the result: reported when they are given. */
const ARGUMENTS_THAT_MATTER: Record<string, number> = { replace: 2, round: 1, sort: 1, truncate: 1, default: 1, join: 1 };

const LOOP_FIELDS: Record<string, string> = {
  index: 'index',
  index0: 'index0',
  first: 'first',
  last: 'last',
  length: 'length',
  revindex: 'rindex',
  revindex0: 'rindex0',
};

const STRING_METHODS: Record<string, string> = { upper: 'upcase', lower: 'downcase', strip: 'strip', capitalize: 'capitalize', title: 'capitalize' };

const ARITHMETIC: Record<string, string> = { '+': 'plus', '-': 'minus', '*': 'times', '/': 'divided_by', '%': 'modulo' };

/** Splits at `separator` where it is not inside quotes or brackets. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quote) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = '';
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if ('([{'.includes(char)) depth += 1;
    else if (')]}'.includes(char)) depth -= 1;
    else if (depth === 0 && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index));
      start = index + separator.length;
      index += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim());
}

/** Whether `text` holds `word` as a separate token outside quotes (` in `, ` if `...). */
function hasTopLevelWord(text: string, word: string): boolean {
  return splitTopLevel(` ${text} `, ` ${word} `).length > 1;
}

const STRING_LITERAL = /^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")$/s;
const NUMBER_LITERAL = /^-?\d+(?:\.\d+)?$/;
const PATH = /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*|\[(?:\d+|'[^']*'|"[^"]*"|[A-Za-z_][\w.]*)\])*$/;

class Converter {
  readonly unsupported: string[] = [];
  private temporaries = 0;

  private report(what: string): void {
    if (!this.unsupported.includes(what)) this.unsupported.push(what);
  }

  /** A literal or a variable path; undefined when the text is neither. */
  private atom(text: string): string | undefined {
    const value = text.trim();
    if (STRING_LITERAL.test(value) || NUMBER_LITERAL.test(value)) return value;
    if (value === 'True' || value === 'true') return 'true';
    if (value === 'False' || value === 'false') return 'false';
    if (value === 'None' || value === 'none') return 'nil';
    if (!PATH.test(value)) return undefined;
    const loop = /^loop\.(\w+)$/.exec(value);
    if (loop) {
      const field = LOOP_FIELDS[loop[1]!];
      if (field) return `forloop.${field}`;
      this.report(`loop.${loop[1]}`);
    }
    return value;
  }

  /** The head of an expression (before its filters) as Liquid: an atom with method calls, `~` or one operator. */
  private head(text: string): { head: string; filters: string[] } | undefined {
    const concat = splitTopLevel(text, '~');
    if (concat.length > 1) {
      const parts = concat.map((part) => this.head(part));
      if (parts.some((part) => part === undefined || part.filters.length > 0)) return undefined;
      const [first, ...rest] = parts as Array<{ head: string }>;
      return { head: first!.head, filters: rest.map((part) => `append: ${part.head}`) };
    }
    for (const [operator, filter] of Object.entries(ARITHMETIC)) {
      const operands = splitTopLevel(text, ` ${operator} `);
      if (operands.length !== 2) continue;
      const left = this.atom(operands[0]!);
      const right = this.atom(operands[1]!);
      if (left === undefined || right === undefined) return undefined;
      return { head: left, filters: [`${filter}: ${right}`] };
    }
    const method = /^(.+)\.(\w+)\((.*)\)$/s.exec(text.trim());
    if (method) {
      const inner = this.head(method[1]!);
      const [name, args] = [method[2]!, method[3]!.trim()];
      if (!inner) return undefined;
      if (STRING_METHODS[name] && args === '') return { head: inner.head, filters: [...inner.filters, STRING_METHODS[name]] };
      if ((name === 'split' || name === 'replace') && args !== '') {
        const values = splitTopLevel(args, ',').map((arg) => this.atom(arg));
        if (values.every((value) => value !== undefined)) return { head: inner.head, filters: [...inner.filters, `${name}: ${values.join(', ')}`] };
      }
      return undefined;
    }
    const atom = this.atom(text);
    return atom === undefined ? undefined : { head: atom, filters: [] };
  }

  private filter(text: string): string | undefined {
    const call = /^(\w+)\s*(?:\((.*)\))?$/s.exec(text.trim());
    if (!call) return undefined;
    const name = call[1]!;
    const rule = FILTERS[name];
    if (!rule) {
      this.report(`filter ${name}`);
      return undefined;
    }
    if ('drop' in rule) return '';
    if (name === 'title') this.report('filter title (Liquid capitalize uppercases the first letter only)');
    const args = call[2] === undefined || call[2].trim() === '' ? [] : splitTopLevel(call[2], ',');
    const values: string[] = [];
    for (const arg of args) {
      const keyword = /^(\w+)\s*=\s*(.+)$/s.exec(arg);
      const value = this.atom(keyword ? keyword[2]! : arg);
      if (value === undefined) {
        this.report(`filter ${name}(${call[2]})`);
        return undefined;
      }
      values.push(value);
    }
    const kept = rule.args === 'none' ? [] : rule.args === 'first' ? values.slice(0, 1) : typeof rule.args === 'function' ? rule.args(values) : values;
    const allowed = rule.args === 'none' ? 0 : (ARGUMENTS_THAT_MATTER[name] ?? (rule.args === 'first' ? 1 : values.length));
    if (values.length > allowed) this.report(`filter ${name}(${call[2]})`);
    return kept.length > 0 ? `${rule.to}: ${kept.join(', ')}` : rule.to;
  }

  /** An output expression or the right side of an assignment; undefined when it cannot be converted. */
  expression(text: string): string | undefined {
    if (hasTopLevelWord(text, 'if')) return undefined;
    const [headText = '', ...filterTexts] = splitTopLevel(text, '|');
    const head = this.head(headText);
    if (!head) return undefined;
    const filters = [...head.filters];
    for (const filterText of filterTexts) {
      const filter = this.filter(filterText);
      if (filter === undefined) return undefined;
      if (filter !== '') filters.push(filter);
    }
    return [head.head, ...filters].join(' | ');
  }

  /** An operand of a condition: an atom, or `x|length` (Liquid takes no filters in conditions, but has `.size`). */
  private operand(text: string): string | undefined {
    const [headText = '', ...filters] = splitTopLevel(text, '|');
    const head = this.atom(headText);
    if (head === undefined) return undefined;
    if (filters.length === 0) return head;
    if (filters.length === 1 && (filters[0] === 'length' || filters[0] === 'count')) return `${head}.size`;
    return undefined;
  }

  private comparison(text: string): string | undefined {
    const test = /^(.+?)\s+is\s+(not\s+)?(defined|undefined|none|None)$/s.exec(text.trim());
    if (test) {
      const subject = this.operand(test[1]!);
      if (subject === undefined) return undefined;
      const isMissing = (test[3] === 'defined') === Boolean(test[2]);
      return `${subject} ${isMissing ? '==' : '!='} nil`;
    }
    if (hasTopLevelWord(text, 'not in')) return undefined;
    const membership = splitTopLevel(text, ' in ');
    if (membership.length === 2) {
      const [needle, haystack] = [this.operand(membership[0]!), this.operand(membership[1]!)];
      return needle === undefined || haystack === undefined ? undefined : `${haystack} contains ${needle}`;
    }
    for (const operator of ['==', '!=', '>=', '<=', '>', '<']) {
      const sides = splitTopLevel(text, operator);
      if (sides.length !== 2) continue;
      const [left, right] = [this.operand(sides[0]!), this.operand(sides[1]!)];
      return left === undefined || right === undefined ? undefined : `${left} ${operator} ${right}`;
    }
    return this.operand(text);
  }

  /** An if / elif condition; `negated` when the whole condition is `not <...>` (Liquid's unless). */
  condition(text: string): { liquid: string; negated: boolean } | undefined {
    let body = text.trim();
    let negated = false;
    if (/^not\s/.test(body) && !hasTopLevelWord(body, 'and') && !hasTopLevelWord(body, 'or')) {
      negated = true;
      body = body.slice(3).trim();
    }
    if (/[()]/.test(body.replace(/'[^']*'|"[^"]*"/g, ''))) return undefined;
    const parts: string[] = [];
    for (const disjunct of splitTopLevel(` ${body} `, ' or ')) {
      const conjuncts: string[] = [];
      for (const conjunct of splitTopLevel(` ${disjunct} `, ' and ')) {
        if (/^not\s/.test(conjunct)) return undefined;
        const converted = this.comparison(conjunct);
        if (converted === undefined) return undefined;
        conjuncts.push(converted);
      }
      parts.push(conjuncts.join(' and '));
    }
    return { liquid: parts.join(' or '), negated };
  }

  /** `x in <iterable>` of a for tag: Liquid takes no filters or calls there, so those go through an assign. */
  iterable(text: string): { prefix: string; liquid: string } | undefined {
    const range = /^range\(\s*(?:(.+?)\s*,\s*)?(.+?)\s*\)$/.exec(text.trim());
    if (range) {
      const [from, to] = [this.atom(range[1] ?? '0'), this.atom(range[2]!)];
      if (from === undefined || to === undefined) return undefined;
      if (NUMBER_LITERAL.test(to)) return { prefix: '', liquid: `(${from}..${Number(to) - 1})` };
      const name = this.temporary();
      return { prefix: `{% assign ${name} = ${to} | minus: 1 %}`, liquid: `(${from}..${name})` };
    }
    const atom = this.atom(text);
    if (atom !== undefined) return { prefix: '', liquid: atom };
    const converted = this.expression(text);
    if (converted === undefined) return undefined;
    const name = this.temporary();
    return { prefix: `{% assign ${name} = ${converted} %}`, liquid: name };
  }

  private temporary(): string {
    this.temporaries += 1;
    return `jinja_value_${this.temporaries}`;
  }
}

interface Tag {
  /** The text between the delimiters, whitespace-control dashes removed. */
  body: string;
  trimLeft: boolean;
  trimRight: boolean;
  /** Index just after the closing delimiter; -1 when the tag is not closed. */
  end: number;
}

/** The tag opening at `start` (`{{`, `{%` or `{#`), up to its closing delimiter outside quotes. */
function readTag(source: string, start: number, close: string): Tag {
  let quote = '';
  for (let index = start + 2; index < source.length; index += 1) {
    const char = source[index]!;
    if (close !== '#}') {
      if (quote) {
        if (char === '\\') index += 1;
        else if (char === quote) quote = '';
        continue;
      }
      if (char === '"' || char === "'") {
        quote = char;
        continue;
      }
    }
    if (source.startsWith(close, index)) {
      let body = source.slice(start + 2, index);
      const trimLeft = body.startsWith('-');
      const trimRight = body.endsWith('-');
      if (trimLeft) body = body.slice(1);
      if (trimRight) body = body.slice(0, -1);
      return { body: body.trim(), trimLeft, trimRight, end: index + close.length };
    }
  }
  return { body: '', trimLeft: false, trimRight: false, end: -1 };
}

const wrap = (open: string, body: string, close: string, trim: { trimLeft: boolean; trimRight: boolean }) =>
  `${open}${trim.trimLeft ? '-' : ''} ${body} ${trim.trimRight ? '-' : ''}${close}`;

export function jinjaToLiquid(source: string): LiquidConversion {
  const converter = new Converter();
  const blocks: string[] = [];
  let output = '';
  let position = 0;
  while (position < source.length) {
    const next = source.slice(position).search(/\{[{%#]/);
    if (next < 0) {
      output += source.slice(position);
      break;
    }
    const start = position + next;
    output += source.slice(position, start);
    const kind = source[start + 1]!;
    const tag = readTag(source, start, kind === '{' ? '}}' : kind === '%' ? '%}' : '#}');
    if (tag.end < 0) {
      converter.unsupported.push('an unclosed tag');
      output += source.slice(start);
      break;
    }
    const original = source.slice(start, tag.end);
    position = tag.end;
    if (kind === '#') {
      const opening = wrap('{%', 'comment', '%}', { trimLeft: tag.trimLeft, trimRight: false });
      output += `${opening}${tag.body}${wrap('{%', 'endcomment', '%}', { trimLeft: false, trimRight: tag.trimRight })}`;
    } else if (kind === '{') {
      const converted = converter.expression(tag.body);
      if (converted === undefined) converter.unsupported.push(original);
      output += converted === undefined ? original : wrap('{{', converted, '}}', tag);
    } else {
      const result = convertStatement(converter, tag, blocks, source, position);
      if (result === undefined) {
        converter.unsupported.push(original);
        output += original;
      } else {
        output += result.liquid;
        position = result.position;
      }
    }
  }
  return { template: output, unsupported: converter.unsupported };
}

function convertStatement(
  converter: Converter,
  tag: Tag,
  blocks: string[],
  source: string,
  position: number,
): { liquid: string; position: number } | undefined {
  const keyword = /^\w+/.exec(tag.body)?.[0] ?? '';
  const rest = tag.body.slice(keyword.length).trim();
  const statement = (body: string) => ({ liquid: wrap('{%', body, '%}', tag), position });
  switch (keyword) {
    case 'raw': {
      const close = /\{%-?\s*endraw\s*-?%\}/.exec(source.slice(position));
      if (!close) return undefined;
      const end = position + close.index + close[0].length;
      return { liquid: `${wrap('{%', 'raw', '%}', tag)}${source.slice(position, end)}`, position: end };
    }
    case 'for': {
      const loop = /^([A-Za-z_]\w*)\s+in\s+(.+)$/s.exec(rest);
      if (!loop || hasTopLevelWord(loop[2]!, 'if') || /\brecursive$/.test(loop[2]!)) return undefined;
      const iterable = converter.iterable(loop[2]!);
      if (!iterable) return undefined;
      blocks.push('for');
      return { liquid: `${iterable.prefix}${wrap('{%', `for ${loop[1]} in ${iterable.liquid}`, '%}', tag)}`, position };
    }
    case 'if': {
      const condition = converter.condition(rest);
      if (!condition) return undefined;
      blocks.push(condition.negated ? 'unless' : 'if');
      return statement(`${condition.negated ? 'unless' : 'if'} ${condition.liquid}`);
    }
    case 'elif': {
      const condition = converter.condition(rest);
      if (!condition || condition.negated) return undefined;
      return statement(`elsif ${condition.liquid}`);
    }
    case 'else':
    case 'break':
    case 'continue':
      return statement(keyword);
    case 'endif':
      return statement(blocks.pop() === 'unless' ? 'endunless' : 'endif');
    case 'endfor':
      blocks.pop();
      return statement('endfor');
    case 'set': {
      const assignment = /^([A-Za-z_]\w*)\s*=\s*(.+)$/s.exec(rest);
      if (assignment) {
        const value = converter.expression(assignment[2]!);
        return value === undefined ? undefined : statement(`assign ${assignment[1]} = ${value}`);
      }
      if (!/^[A-Za-z_]\w*$/.test(rest)) return undefined;
      blocks.push('capture');
      return statement(`capture ${rest}`);
    }
    case 'endset':
      blocks.pop();
      return statement('endcapture');
    default:
      // macro, call, include, import, extends, block, filter, with, autoescape, do...: Liquid has no equivalent.
      return undefined;
  }
}
