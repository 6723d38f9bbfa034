import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BOOT_TIMEOUT_MS, failureOf, startPool } from './test-harness.js';
import type { SandboxLanguage, SandboxPool } from './types.js';

/**
 * Escape attempts, each of which must fail in a precise, expected way; after each one the pool
 * must still run code. What these layers do and do not defend is in the README.
 */
const SECRET = 'host-secret-7f3a9c';

let pool: SandboxPool;
let server: net.Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  process.env.SANDBOX_ESCAPE_TEST_SECRET = SECRET;
  server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
  pool = await startPool({ size: 1, timeoutMs: 3_000, memoryLimitMb: 64, killGraceMs: 500 });
}, BOOT_TIMEOUT_MS);

afterAll(async () => {
  delete process.env.SANDBOX_ESCAPE_TEST_SECRET;
  await pool.close();
  await new Promise((resolve) => server.close(resolve));
});

let lastLanguage: SandboxLanguage = 'python';

afterEach(async () => {
  // Whatever the attempt did, the pool still runs code.
  const code = lastLanguage === 'python' ? 'def main(x):\n    return {"x": x}' : 'function main({ x }) { return { x }; }';
  expect((await pool.run({ language: lastLanguage, code, args: { x: 1 }, isolationKey: 'health' })).result).toEqual({ x: 1 });
}, BOOT_TIMEOUT_MS);

function python(code: string, isolationKey = 'attacker') {
  lastLanguage = 'python';
  return pool.run({ language: 'python', code, args: {}, isolationKey });
}

function javascript(code: string) {
  lastLanguage = 'javascript';
  return pool.run({ language: 'javascript', code, args: {} });
}

const UNBLOCK = "import sys\nsys.meta_path[:] = [f for f in sys.meta_path if getattr(f, '__name__', '') != 'SandboxImportBlocker']\n";

describe('python escape attempts', () => {
  it.each([
    ['import js', "module 'js' is not available in the sandbox"],
    ['import pyodide_js', "module 'pyodide_js' is not available in the sandbox"],
    ['from pyodide.ffi import to_js', "module 'pyodide' is not available in the sandbox"],
    ['js = __import__("js")', "module 'js' is not available in the sandbox"],
    ['import importlib\ncore = importlib.import_module("_pyodide_core")', "module '_pyodide_core' is not available in the sandbox"],
    ['import ctypes', "module 'ctypes' is not available in the sandbox"],
  ])('%s is refused at import', async (statement, message) => {
    const error = await failureOf(python(`def main():\n    ${statement.replaceAll('\n', '\n    ')}\n    return {}`));
    expect(error.code).toBe('code_exception');
    expect(error.message).toContain(message);
  });

  it('removing the import blocker does not bring the bridge back: run_js finds no js module', async () => {
    const code = `${UNBLOCK}import pyodide.code\ndef main():\n    try:\n        return {"r": str(pyodide.code.run_js("process.env"))}\n    except ImportError as error:\n        return {"error": str(error)}`;
    expect((await python(code)).result).toEqual({ error: "No module named 'js'" });
  });

  it('sys.modules tricks: a JsFinder dug out of the heap has nothing left to import', async () => {
    const code = [
      UNBLOCK + 'import gc',
      'def main():',
      '    finder = [o for o in gc.get_objects() if type(o).__name__ == "JsFinder"][0]',
      '    sys.meta_path.insert(0, finder)',
      '    sys.modules.pop("pyodide_js", None)',
      '    try:',
      '        import pyodide_js',
      '        return {"reached": str(pyodide_js)}',
      '    except ImportError as error:',
      '        return {"error": str(error)}',
    ].join('\n');
    expect((await python(code)).result).toEqual({ error: "No module named 'pyodide_js'" });
  });

  it('a JavaScript object reached from the heap can neither compile code nor pollute prototypes', async () => {
    const code = [
      'import gc',
      'def main():',
      '    to_js = [o for o in gc.get_objects() if type(o).__name__ == "builtin_function_or_method" and o.__name__ == "to_js"][0]',
      '    array = to_js([1, 2])',
      '    out = {"type": type(array).__name__}',
      '    try:',
      '        out["compiled"] = str(array.constructor.constructor("return process.env")())',
      '    except Exception as error:',
      '        out["compile"] = str(error)',
      '    try:',
      '        array.constructor.prototype.polluted = 1',
      '    except Exception as error:',
      '        out["pollute"] = str(error)',
      '    return out',
    ].join('\n');
    const { result } = await python(code);
    expect(result).toEqual({
      type: 'JsProxy',
      compile: 'EvalError: Code generation from strings disallowed for this context',
      pollute: 'TypeError: Cannot add property polluted, object is not extensible',
    });
  });

  it("open('/etc/passwd') sees Pyodide's in-memory file system, not the host's", async () => {
    const error = await failureOf(python('def main():\n    return {"r": open("/etc/passwd").read()}'));
    expect(error.message).toBe("FileNotFoundError: [Errno 44] No such file or directory: '/etc/passwd' (line 2)");
    const listing = await python('import os\ndef main():\n    return {"root": sorted(os.listdir("/")), "work": os.path.exists("/work")}');
    expect(listing.result).toEqual({ root: ['dev', 'home', 'lib', 'proc', 'tmp'], work: false });
  });

  it('os.system is refused', async () => {
    const error = await failureOf(python('import os\ndef main():\n    return {"r": os.system("id")}'));
    expect(error.message).toBe('OSError: [Errno 38] running commands is not available in the sandbox (line 3)');
  });

  it('subprocess cannot start processes', async () => {
    const error = await failureOf(python('import subprocess\ndef main():\n    return {"r": subprocess.run(["id"]).returncode}'));
    expect(error.message).toBe('OSError: [Errno 138] emscripten does not support processes. (line 3)');
  });

  it('socket and urllib reach nothing: the host side of the network is sealed', async () => {
    const socket = await failureOf(python(`import socket\ndef main():\n    s = socket.create_connection(("127.0.0.1", ${port}), timeout=1)\n    s.sendall(b"x")\n    return {"r": s.recv(1).decode()}`));
    expect(socket.code).toBe('code_exception');
    const http = await failureOf(python(`import urllib.request\ndef main():\n    return {"r": urllib.request.urlopen("http://127.0.0.1:${port}/", timeout=1).read().decode()}`));
    expect(http.message).toMatch(/^URLError: /);
    expect(connections).toBe(0);
  });

  it("os.environ does not hold the host's environment", async () => {
    const { result } = await python('import os\ndef main():\n    return {"env": dict(os.environ)}');
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(Object.keys(result.env as object).sort()).toEqual(['HOME', 'LANG', 'LD_LIBRARY_PATH', 'LOGNAME', 'PATH', 'PWD', 'PYTHONINSPECT', 'USER', '_']);
  });

  it('data stashed in sys.modules by one key is gone for another', async () => {
    await python('import sys, types\nsys.modules["stash"] = types.SimpleNamespace(value="other tenant data")\ndef main():\n    return {}', 'tenant-one');
    const error = await failureOf(python('import stash\ndef main():\n    return {"v": stash.value}', 'tenant-two'));
    expect(error.message).toContain("No module named 'stash'");
  });

  it('an infinite loop ends with code_timeout', async () => {
    expect((await failureOf(python('def main():\n    while True:\n        pass'))).code).toBe('code_timeout');
  });

  it('a loop that swallows the interrupt is killed after the grace period', async () => {
    const before = pool.stats().python.kills.timeout;
    const code = 'def main():\n    while True:\n        try:\n            while True:\n                pass\n        except BaseException:\n            pass';
    expect((await failureOf(python(code))).code).toBe('code_timeout');
    expect(pool.stats().python.kills.timeout).toBe(before + 1);
  }, BOOT_TIMEOUT_MS);

  it('a huge allocation ends with code_memory_exceeded', async () => {
    expect((await failureOf(python('def main():\n    return {"n": len(bytearray(1024 * 1024 * 1024))}'))).code).toBe('code_memory_exceeded');
    expect((await failureOf(python('def main():\n    data = []\n    while True:\n        data.append("x" * 1_000_000)'))).code).toBe('code_memory_exceeded');
  });

  it('a recursion bomb ends with RecursionError', async () => {
    const error = await failureOf(python('def bomb(n):\n    return bomb(n + 1)\n\ndef main():\n    return {"r": bomb(0)}'));
    expect(error.message).toBe('RecursionError: maximum recursion depth exceeded (line 2)');
  });

  it('a recursion bomb past a raised recursion limit hits the memory cap', async () => {
    const code = 'import sys\nsys.setrecursionlimit(10_000_000)\ndef bomb(n):\n    return bomb(n + 1)\n\ndef main():\n    return {"r": bomb(0)}';
    expect((await failureOf(python(code))).code).toBe('code_memory_exceeded');
  });

  it('an exception carrying megabytes of text is cut before it reaches the host', async () => {
    const error = await failureOf(python('def main():\n    raise ValueError("x" * 20_000_000)'));
    expect(error.code).toBe('code_exception');
    expect(error.message.length).toBeLessThan(4_100);
    expect(error.message).toMatch(/^ValueError: x+ \[\.\.\.\] \(line 2\)$/);
  });

  it('os._exit ends only the interpreter', async () => {
    const error = await failureOf(python('import os\ndef main():\n    os._exit(3)'));
    expect(error).toMatchObject({ code: 'code_crashed', message: 'the Python interpreter stopped while running the code: Program terminated with exit(3)' });
  });
});

describe('javascript escape attempts', () => {
  it.each([
    ['process', 'function main() { return { env: process.env }; }', "ReferenceError: 'process' is not defined (line 1)"],
    ['require', 'function main() { return { cp: require("child_process") }; }', "ReferenceError: 'require' is not defined (line 1)"],
    ['fetch', 'async function main() { return { r: await fetch("http://127.0.0.1/") }; }', "ReferenceError: 'fetch' is not defined (line 1)"],
    ['import()', 'async function main() { const fs = await import("fs"); return { r: fs.readFileSync("/etc/passwd", "utf8") }; }', "ReferenceError: could not load module 'fs'"],
    ['the Function constructor', 'function main() { return { r: globalThis.constructor.constructor("return process")().env }; }', "ReferenceError: 'process' is not defined"],
    ['a function of the host (console.log)', 'function main() { return { r: console.log.constructor("return process")() }; }', "ReferenceError: 'process' is not defined"],
    ['eval', 'function main() { return { r: eval("require")("fs") }; }', "ReferenceError: 'require' is not defined"],
    ['import() of QuickJS libc modules', 'async function main() { const os = await import("os"); return { r: os.exec(["id"]) }; }', "ReferenceError: could not load module 'os'"],
    ['timers', 'function main() { setTimeout(() => {}, 10); return {}; }', "ReferenceError: 'setTimeout' is not defined (line 1)"],
  ])('%s is not there', async (_name, code, message) => {
    const error = await failureOf(javascript(code));
    expect(error.code).toBe('code_exception');
    expect(error.message).toContain(message);
  });

  it('the global object holds only the language and console', async () => {
    const { result } = await javascript('function main() { return { names: Object.getOwnPropertyNames(Function("return this")()) }; }');
    const names = result.names as string[];
    for (const host of ['process', 'require', 'module', 'fetch', 'Buffer', 'setTimeout', 'WebAssembly', 'std', 'os', 'globalThis.process']) {
      expect(names).not.toContain(host);
    }
    expect(names).toContain('console');
  });

  it('while (true) {} ends with code_timeout', async () => {
    expect((await failureOf(javascript('function main() { while (true) {} }'))).code).toBe('code_timeout');
  });

  it('a getter that never returns, read while encoding the result, ends with code_timeout', async () => {
    expect((await failureOf(javascript('function main() { return { get value() { for (;;) {} } }; }'))).code).toBe('code_timeout');
  });

  it('big arrays and buffers end with code_memory_exceeded', async () => {
    expect((await failureOf(javascript('function main() { return { n: new Array(1e8).fill(0).length }; }'))).code).toBe('code_memory_exceeded');
    expect((await failureOf(javascript('function main() { return { n: new ArrayBuffer(1024 * 1024 * 1024).byteLength }; }'))).code).toBe('code_memory_exceeded');
  });

  it("string doubling stops at the engine's string limit", async () => {
    expect((await failureOf(javascript('function main() { let s = "x"; for (;;) s += s; }'))).message).toBe('InternalError: string too long (line 1)');
  });

  it('a recursion bomb ends with a stack overflow error', async () => {
    const error = await failureOf(javascript('function bomb(n) { return bomb(n + 1); }\nfunction main() { return { r: bomb(0) }; }'));
    expect(error.message).toBe('InternalError: stack overflow (recursion too deep) (line 1)');
  });

  it('nesting deep enough to overflow the host stack is caught and the engine replaced', async () => {
    // The run's own deadline, long enough that a loaded machine reaches the overflow before it (the pool's 3 s is for the runaway tests).
    lastLanguage = 'javascript';
    const deep = 'function main() { let a = []; for (let i = 0; i < 200000; i++) a = [a]; return { s: JSON.stringify(a).length }; }';
    const error = await failureOf(pool.run({ language: 'javascript', code: deep, args: {}, timeoutMs: 20_000 }));
    expect(error.message).toBe('InternalError: stack overflow (recursion or nesting too deep)');
  });

  it('prototype pollution does not reach the next run', async () => {
    await javascript('Object.prototype.isAdmin = true; Array.prototype.map = () => "hijacked"; JSON.stringify = () => "{}"; function main() { return {}; }');
    const { result } = await javascript('function main() { return { isAdmin: ({}).isAdmin === true, map: [1].map((x) => x * 2) }; }');
    expect(result).toEqual({ isAdmin: false, map: [2] });
  });

  it('data stashed on the global object is gone for the next run', async () => {
    await javascript('globalThis.stash = "other tenant data"; function main() { return {}; }');
    expect((await javascript('function main() { return { stash: typeof stash }; }')).result).toEqual({ stash: 'undefined' });
  });

  it('an error carrying megabytes of text is cut before it reaches the host', async () => {
    const error = await failureOf(javascript('function main() { throw new Error("x".repeat(20000000)); }'));
    expect(error.code).toBe('code_exception');
    expect(error.message).toBe(`Error: ${'x'.repeat(4_000)} (line 1)`);
  });

  it('a result too large to return is refused', async () => {
    const error = await failureOf(javascript('function main() { return { text: "x".repeat(5 * 1024 * 1024) }; }'));
    expect(error.code).toBe('code_result_invalid');
    expect(error.message).toMatch(/the limit is 4194304$/);
  });
});
