import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOT_TIMEOUT_MS, failureOf, startPool } from './test-harness.js';
import type { SandboxPool } from './types.js';

let pool: SandboxPool;

beforeAll(async () => {
  pool = await startPool({ size: 1, languages: ['javascript'], timeoutMs: 2_000, memoryLimitMb: 32, maxOutputBytes: 1_024 });
}, BOOT_TIMEOUT_MS);

afterAll(() => pool.close());

const javascript = (code: string, args: Record<string, unknown> = {}, timeoutMs?: number) =>
  pool.run({ language: 'javascript', code, args, ...(timeoutMs === undefined ? {} : { timeoutMs }) });

describe('javascript code node semantics', () => {
  it('calls main with one object of the variables and returns its object', async () => {
    const code = 'function main({ a, b, text }) {\n  console.log("adding", a, b, { deep: [1] });\n  return { sum: a + b, text: text + "！", list: [a, b], none: null };\n}';
    const run = await javascript(code, { a: 2, b: 3, text: '你好' });
    expect(run.result).toEqual({ sum: 5, text: '你好！', list: [2, 3], none: null });
    expect(run.stdout).toBe('adding 2 3 {"deep":[1]}\n');
  });

  it('accepts arrow functions, const declarations and async main', async () => {
    expect((await javascript('const main = ({ x }) => ({ double: x * 2 });', { x: 4 })).result).toEqual({ double: 8 });
    const run = await javascript('async function main({ x }) {\n  const value = await Promise.resolve(x);\n  return { value };\n}', { x: 'later' });
    expect(run.result).toEqual({ value: 'later' });
  });

  it('reports a syntax error with its line', async () => {
    const error = await failureOf(javascript('function main() {\n  return { a: 1 ;\n}'));
    expect(error.code).toBe('code_syntax_error');
    expect(error.message).toMatch(/^SyntaxError \(line 2\): /);
    expect(error.details).toMatchObject({ line: 2 });
  });

  it('reports an exception with the line in the user code and only user frames', async () => {
    const code = 'function helper(value) {\n  return value.missing.field;\n}\nfunction main({ value }) {\n  return { result: helper(value) };\n}';
    const error = await failureOf(javascript(code, { value: {} }));
    expect(error.code).toBe('code_exception');
    expect(error.message).toBe("TypeError: cannot read property 'field' of undefined (line 2)");
    const details = error.details as { type: string; line: number; stack: string };
    expect(details).toMatchObject({ type: 'TypeError', line: 2 });
    expect(details.stack).toBe('at helper (code.js:2:23)\nat main (code.js:5:26)');
  });

  it('reports thrown values that are not errors', async () => {
    const error = await failureOf(javascript('function main() { throw { reason: "custom" }; }'));
    expect(error.message).toBe('Error: {"reason":"custom"}');
  });

  it('requires a main function', async () => {
    expect((await failureOf(javascript('const x = 1;'))).code).toBe('code_main_missing');
    expect((await failureOf(javascript('const main = 5;'))).code).toBe('code_main_missing');
  });

  it('requires main to return a JSON-serialisable object', async () => {
    expect((await failureOf(javascript('function main() { return [1]; }'))).message).toBe('main must return an object; it returned an array');
    expect((await failureOf(javascript('function main() { return "text"; }'))).message).toBe('main must return an object; it returned string');
    const fn = await failureOf(javascript('function main() { return { callback() {} }; }'));
    expect(fn.code).toBe('code_result_invalid');
    expect(fn.message).toBe('the value of "callback" (a function) cannot be converted to JSON');
    expect((await failureOf(javascript('function main() { return { big: 10n }; }'))).code).toBe('code_result_invalid');
    expect((await failureOf(javascript('function main() { return { n: 1 / 0 }; }'))).message).toMatch(/Infinity/);
    expect((await failureOf(javascript('function main() { const a = {}; a.self = a; return a; }'))).code).toBe('code_result_invalid');
    expect((await failureOf(javascript('function main() { return new Promise(() => {}); }'))).message).toMatch(/never settled/);
  });

  it('caps printed output', async () => {
    const run = await javascript('function main() {\n  for (let i = 0; i < 1000; i++) console.log("line", i);\n  return { done: true };\n}');
    expect(run.result).toEqual({ done: true });
    expect(run.stdout).toMatch(/\[output truncated at 1024 bytes\]\n$/);
    expect(run.stdout.length).toBeLessThan(1_200);
  });

  it('stops an endless loop at the deadline without losing the process', async () => {
    const before = pool.stats().javascript;
    const error = await failureOf(javascript('function main() { for (;;) {} }', {}, 300));
    expect(error.code).toBe('code_timeout');
    expect(error.details).toEqual({ timeoutMs: 300 });
    expect(pool.stats().javascript).toMatchObject({ starts: before.starts, kills: before.kills });
  });

  it('refuses memory past the limit', async () => {
    const error = await failureOf(javascript('function main() { const a = new Array(1e7).fill(0); return { n: a.length }; }'));
    expect(error.code).toBe('code_memory_exceeded');
    expect(error.message).toBe('the code used more than the 32 MB of memory it may use');
    expect((await javascript('function main() { return { n: new Array(1e5).fill(0).length }; }')).result).toEqual({ n: 1e5 });
  });

  it('starts every run from a fresh context', async () => {
    const before = pool.stats().javascript;
    await javascript('var stash = "left"; globalThis.other = 1; Object.prototype.polluted = true; function main() { return {}; }');
    const run = await javascript('function main() { return { stash: typeof stash, other: typeof other, polluted: ({}).polluted === true }; }');
    expect(run.result).toEqual({ stash: 'undefined', other: 'undefined', polluted: false });
    // Warm reuse: the same process served both runs.
    expect(pool.stats().javascript).toMatchObject({ starts: before.starts, runs: before.runs + 2 });
  });
});
