import { describe, expect, test } from 'vitest';
import { evaluate, ExpressionError, formatNumber } from './expression.js';

describe('calculator expressions', () => {
  test.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 ^ 3 ^ 2', 512],
    ['-2 ^ 2', -4],
    ['2 ^ -1', 0.5],
    ['10 % 4', 2],
    ['7 / 2', 3.5],
    ['sqrt(16) + abs(-3)', 7],
    ['round(2.345, 2)', 2.35],
    ['round(2.5)', 3],
    ['min(4, 2, 8) + max(1, 9)', 11],
    ['2 * pi', 2 * Math.PI],
    ['e ^ 1', Math.E],
    ['1.5e3 + .5', 1500.5],
    ['--3', 3],
    ['17 * 23', 391],
  ])('%s = %d', (expression, expected) => {
    expect(evaluate(expression)).toBeCloseTo(expected, 12);
  });

  test.each([
    ['', 'empty'],
    ['1 +', 'ends too early'],
    ['(1 + 2', "expected ')'"],
    ['1 / 0', 'division by zero'],
    ['2 $ 3', "unexpected character '$'"],
    ['foo(1)', "unknown name 'foo'"],
    ['sqrt(1, 2)', 'sqrt() takes 1 argument(s), got 2'],
    ['sqrt(-1)', 'negative'],
    ['1 2', "unexpected '2' at position 3"],
    ['10 ^ 400', 'not a finite number'],
    ['process.exit(1)', "unexpected character '.'"],
    ['constructor(1)', "unknown name 'constructor'"],
  ])('%s is refused: %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(ExpressionError);
    expect(() => evaluate(expression)).toThrow(message);
  });

  test('deep nesting is refused, not a stack overflow', () => {
    expect(() => evaluate(`${'('.repeat(200)}1${')'.repeat(200)}`)).toThrow('nests deeper');
  });

  test('results read without binary noise', () => {
    expect(formatNumber(evaluate('0.1 + 0.2'))).toBe('0.3');
    expect(formatNumber(evaluate('1 / 3'))).toBe('0.333333333333333');
  });
});
