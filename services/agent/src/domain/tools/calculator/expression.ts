/**
 * A small arithmetic language, parsed by recursive descent (never eval):
 *   expression := term (('+' | '-') term)*
 *   term       := unary (('*' | '/' | '%') unary)*
 *   unary      := ('+' | '-') unary | power
 *   power      := primary ('^' unary)?          right-associative; -2^2 = -4
 *   primary    := number | constant | function '(' expression (',' expression)* ')' | '(' expression ')'
 */
export class ExpressionError extends Error {}

const MAX_LENGTH = 1000;
const MAX_DEPTH = 100;

// Maps, not object literals: a name like 'constructor' must not find Object.prototype.
const constants = new Map<string, number>([
  ['pi', Math.PI],
  ['e', Math.E],
]);

type MathFunction = { arity: [number, number]; apply: (args: number[]) => number };

const functions = new Map<string, MathFunction>([
  ['sqrt', { arity: [1, 1], apply: ([x = 0]) => (x < 0 ? fail('sqrt of a negative number') : Math.sqrt(x)) }],
  ['abs', { arity: [1, 1], apply: ([x = 0]) => Math.abs(x) }],
  ['round', { arity: [1, 2], apply: ([x = 0, digits = 0]) => roundTo(x, digits) }],
  ['floor', { arity: [1, 1], apply: ([x = 0]) => Math.floor(x) }],
  ['ceil', { arity: [1, 1], apply: ([x = 0]) => Math.ceil(x) }],
  ['min', { arity: [1, 100], apply: (args) => Math.min(...args) }],
  ['max', { arity: [1, 100], apply: (args) => Math.max(...args) }],
]);

function fail(message: string): never {
  throw new ExpressionError(message);
}

function roundTo(value: number, digits: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) fail('round(x, digits) takes 0 to 15 digits');
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

type Token = { kind: 'number'; value: number; at: number } | { kind: 'name'; value: string; at: number } | { kind: 'symbol'; value: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/%^(),]))/y;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match === null) fail(`unexpected character '${text.slice(position).trimStart()[0] ?? ''}' at position ${position + 1}`);
    const at = match.index + match[0].length - (match[1] ?? match[2] ?? match[3] ?? '').length;
    if (match[1] !== undefined) tokens.push({ kind: 'number', value: Number(match[1]), at });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', value: match[2].toLowerCase(), at });
    else tokens.push({ kind: 'symbol', value: match[3] ?? '', at });
    position = pattern.lastIndex;
  }
  return tokens;
}

/** Evaluates an arithmetic expression; throws ExpressionError saying what is wrong and where. */
export function evaluate(text: string): number {
  if (text.length > MAX_LENGTH) fail(`the expression is longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text);
  let index = 0;
  let depth = 0;
  const peek = () => tokens[index];
  const describe = (token: Token | undefined) => (token === undefined ? 'the end' : `'${token.value}' at position ${token.at + 1}`);
  const isSymbol = (value: string) => peek()?.kind === 'symbol' && peek()?.value === value;
  const expect = (value: string) => {
    if (!isSymbol(value)) fail(`expected '${value}' but found ${describe(peek())}`);
    index += 1;
  };

  function nested<T>(parse: () => T): T {
    depth += 1;
    if (depth > MAX_DEPTH) fail(`the expression nests deeper than ${MAX_DEPTH} levels`);
    try {
      return parse();
    } finally {
      depth -= 1;
    }
  }

  function expression(): number {
    let value = term();
    while (isSymbol('+') || isSymbol('-')) {
      const operator = (tokens[index++] as Token).value;
      const right = term();
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }

  function term(): number {
    let value = unary();
    while (isSymbol('*') || isSymbol('/') || isSymbol('%')) {
      const operator = (tokens[index++] as Token).value;
      const right = unary();
      if ((operator === '/' || operator === '%') && right === 0) fail('division by zero');
      value = operator === '*' ? value * right : operator === '/' ? value / right : value % right;
    }
    return value;
  }

  function unary(): number {
    if (isSymbol('-') || isSymbol('+')) {
      const negative = (tokens[index++] as Token).value === '-';
      const value = nested(unary);
      return negative ? -value : value;
    }
    return power();
  }

  function power(): number {
    const base = primary();
    if (!isSymbol('^')) return base;
    index += 1;
    return base ** nested(unary);
  }

  function primary(): number {
    const token = peek();
    if (token === undefined) fail('the expression ends too early');
    index += 1;
    if (token.kind === 'number') return token.value;
    if (token.kind === 'symbol') {
      if (token.value !== '(') fail(`unexpected ${describe(token)}`);
      const value = nested(expression);
      expect(')');
      return value;
    }
    const constant = constants.get(token.value);
    if (constant !== undefined) return constant;
    const fn = functions.get(token.value);
    if (fn === undefined) fail(`unknown name '${token.value}'; known: ${[...constants.keys(), ...functions.keys()].join(', ')}`);
    expect('(');
    const args = [nested(expression)];
    while (isSymbol(',')) {
      index += 1;
      args.push(nested(expression));
    }
    expect(')');
    const [least, most] = fn.arity;
    if (args.length < least || args.length > most) fail(`${token.value}() takes ${least === most ? least : `${least} to ${most}`} argument(s), got ${args.length}`);
    return fn.apply(args);
  }

  if (tokens.length === 0) fail('the expression is empty');
  const result = expression();
  if (index < tokens.length) fail(`unexpected ${describe(peek())}`);
  if (!Number.isFinite(result)) fail('the result is not a finite number');
  return result;
}

/** 0.1 + 0.2 reads 0.3: fifteen significant digits hide binary rounding noise. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(15)));
}
