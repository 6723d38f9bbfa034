import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOT_TIMEOUT_MS, failureOf, startPool } from './test-harness.js';
import type { SandboxPool, SandboxRunRequest } from './types.js';

let pool: SandboxPool;

beforeAll(async () => {
  pool = await startPool({ size: 1, languages: ['python'], timeoutMs: 3_000, memoryLimitMb: 64, maxOutputBytes: 1_024 });
}, BOOT_TIMEOUT_MS);

afterAll(() => pool.close());

const python = (code: string, args: Record<string, unknown> = {}, extra: Partial<SandboxRunRequest> = {}) =>
  pool.run({ language: 'python', code, args, isolationKey: 'space-a', ...extra });

describe('python code node semantics', () => {
  it('calls main with the variables its signature names, as keyword arguments, and returns its dict', async () => {
    const code = 'def main(a: int, b) -> dict:\n    print("adding", a, b)\n    return {"sum": a + b, "items": [a, b], "nested": {"ok": True, "none": None}}';
    const run = await python(code, { a: 2, b: 3, unused: 'ignored like the original does' });
    expect(run.result).toEqual({ sum: 5, items: [2, 3], nested: { ok: true, none: null } });
    expect(run.stdout).toBe('adding 2 3\n');
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes every variable to main(**kwargs) and keeps unicode intact', async () => {
    const run = await python('def main(**variables):\n    return {"keys": sorted(variables), "text": variables["text"] + "！"}', { text: '你好', n: 1 });
    expect(run.result).toEqual({ keys: ['n', 'text'], text: '你好！' });
  });

  it('runs the standard library offline', async () => {
    const code = [
      'import json, re, math, datetime, decimal, hashlib, statistics, collections, base64',
      'def main(values):',
      '    return {"mean": statistics.mean(values), "sha": hashlib.sha256(b"x").hexdigest()[:8],',
      '            "date": datetime.date(2024, 1, 2).isoformat(), "decimal": str(decimal.Decimal("0.1") * 3),',
      '            "words": re.findall(r"\\w+", "a b"), "b64": base64.b64encode(b"hi").decode()}',
    ].join('\n');
    const run = await python(code, { values: [1, 2, 3] });
    expect(run.result).toEqual({ mean: 2, sha: '2d711642', date: '2024-01-02', decimal: '0.3', words: ['a', 'b'], b64: 'aGk=' });
  });

  it('reports a syntax error with its line and a pointer', async () => {
    const error = await failureOf(python('def main():\n    return {"a": 1\n'));
    expect(error.code).toBe('code_syntax_error');
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/^SyntaxError at line 2: /);
    expect(error.details).toMatchObject({ line: 2 });
  });

  it('reports an exception with the traceback of the user code only', async () => {
    const code = 'def helper(x):\n    return 10 / x\n\ndef main(x):\n    return {"value": helper(x)}';
    const error = await failureOf(python(code, { x: 0 }));
    expect(error.code).toBe('code_exception');
    expect(error.message).toBe('ZeroDivisionError: division by zero (line 2)');
    const details = error.details as { type: string; line: number; traceback: string };
    expect(details).toMatchObject({ type: 'ZeroDivisionError', line: 2 });
    expect(details.traceback).toContain('File "code.py", line 5, in main');
    expect(details.traceback).toContain('File "code.py", line 2, in helper');
    expect(details.traceback).toContain('return 10 / x');
    // No frame of the runner, Pyodide or the host.
    expect(details.traceback).not.toMatch(/<exec>|_pyodide|\.zip|node_modules|\/work\//);
  });

  it('keeps what was printed before a failure', async () => {
    const error = await failureOf(python('def main():\n    print("before")\n    raise ValueError("bad input")'));
    expect(error.message).toBe('ValueError: bad input (line 3)');
    expect(error.details).toMatchObject({ stdout: 'before\n' });
  });

  it('requires a main function', async () => {
    const error = await failureOf(python('x = 1'));
    expect(error.code).toBe('code_main_missing');
  });

  it('requires main to return a JSON-serialisable dict', async () => {
    expect((await failureOf(python('def main():\n    return [1, 2]'))).message).toBe('main must return a dict (a JSON object); it returned list');
    const set = await failureOf(python('def main():\n    return {"s": {1, 2}}'));
    expect(set.code).toBe('code_result_invalid');
    expect(set.message).toMatch(/cannot be converted to JSON: Object of type set is not JSON serializable/);
    expect((await failureOf(python('def main():\n    return {"x": float("nan")}'))).code).toBe('code_result_invalid');
    expect((await failureOf(python('async def main():\n    return {}'))).message).toMatch(/async functions are not supported/);
  });

  it('says clearly that packages from PyPI are not available offline', async () => {
    const error = await failureOf(python('import numpy\ndef main():\n    return {}'));
    expect(error.code).toBe('code_exception');
    expect(error.message).toMatch(/No module named 'numpy': Python code runs offline with the standard library only/);
  });

  it('caps printed output', async () => {
    const run = await python('def main():\n    for i in range(1000):\n        print("line", i)\n    return {"done": True}');
    expect(run.result).toEqual({ done: true });
    expect(run.stdout.length).toBeLessThan(1_200);
    expect(run.stdout).toMatch(/\[output truncated at 1024 bytes\]\n$/);
  });

  it('stops a busy loop at the deadline without losing the process', async () => {
    const before = pool.stats().python;
    const error = await failureOf(python('def main():\n    while True:\n        pass', {}, { timeoutMs: 500 }));
    expect(error.code).toBe('code_timeout');
    expect(error.message).toBe("the code did not finish within 500 ms; make it faster or raise the node's timeout");
    const after = pool.stats().python;
    expect(after.starts).toBe(before.starts);
    expect(after.kills.timeout).toBe(before.kills.timeout);
  });

  it('kills and replaces a process stuck where the interrupt cannot reach', async () => {
    const before = pool.stats().python;
    const error = await failureOf(python('import time\ndef main():\n    time.sleep(30)\n    return {}', {}, { timeoutMs: 300 }));
    expect(error.code).toBe('code_timeout');
    expect(pool.stats().python.kills.timeout).toBe(before.kills.timeout + 1);
    expect((await python('def main():\n    return {"back": True}')).result).toEqual({ back: true });
    expect(pool.stats().python).toMatchObject({ size: 1, starts: before.starts + 1 });
  }, BOOT_TIMEOUT_MS);

  it('refuses memory past the limit', async () => {
    const error = await failureOf(python('def main():\n    blocks = [bytearray(8 * 1024 * 1024) for _ in range(64)]\n    return {"n": len(blocks)}'));
    expect(error.code).toBe('code_memory_exceeded');
    expect(error.message).toBe('the code used more than the 64 MB of memory it may use');
    expect((await python('def main():\n    return {"size": len(bytearray(16 * 1024 * 1024))}')).result).toEqual({ size: 16 * 1024 * 1024 });
  });
});

describe('python interpreter reuse', () => {
  it('keeps the warm interpreter for runs of the same key, with a fresh namespace and module state each time', async () => {
    await python('def main():\n    return {}', {}, { isolationKey: 'space-reuse' });
    const before = pool.stats().python;
    const first = await python('import json\nstash = "left behind"\njson.stash = "patched"\ndef main():\n    return {}', {}, { isolationKey: 'space-reuse' });
    expect(first.result).toEqual({});
    const second = await python(
      'import json\ndef main():\n    return {"global": "stash" in globals(), "module": hasattr(json, "stash")}',
      {},
      { isolationKey: 'space-reuse' },
    );
    expect(second.result).toEqual({ global: false, module: false });
    const after = pool.stats().python;
    // Warm reuse: neither a new process nor a new interpreter for the second and third run.
    expect(after.starts).toBe(before.starts);
    expect(after.resets).toBe(before.resets);
    expect(after.runs).toBe(before.runs + 2);
  });

  it('gives another key, or no key, a fresh interpreter', async () => {
    await python('def main():\n    return {}', {}, { isolationKey: 'space-one' });
    const before = pool.stats().python;
    await python('def main():\n    return {}', {}, { isolationKey: 'space-two' });
    expect(pool.stats().python.resets).toBe(before.resets + 1);
    await python('def main():\n    return {}', {}, { isolationKey: undefined });
    await python('def main():\n    return {}', {}, { isolationKey: undefined });
    const after = pool.stats().python;
    expect(after.resets).toBeGreaterThanOrEqual(before.resets + 3);
    expect(after.starts).toBe(before.starts);
  });
});
