import './lockdown.js';
import { loadPyodide, type PyodideInterface } from 'pyodide';
import type { PyCallable, PyDict } from 'pyodide/ffi';
import { removeOutboundGlobals } from './lockdown.js';
import { freezeShadowedGlobals, shadowEmscriptenGlobals } from './python-globals.js';
import type { OutputBuffer } from './output.js';
import { PYTHON_RUNNER } from './python-runner.js';
import { serve, type Engine } from './serve.js';
import type { CodeFailure, RunMessage, RunOutcome, WorkerSettings } from '../protocol.js';

/** lib ES2023 has no WebAssembly types; this is the part used here. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(deltaPages: number): number;
}

/**
 * The WebAssembly heap cannot shrink and Pyodide gives no limit of its own, so growth is refused
 * past the cap: malloc then fails and Python raises MemoryError. `hit` tells a caught MemoryError
 * apart from a clean run, so that the interpreter is replaced either way. The prototype's grow is
 * frozen (--frozen-intrinsics), so each interpreter's memory gets its own non-writable grow.
 */
const heap = { hit: false };

function limitGrowth(pyodide: PyodideInterface, limitBytes: number): void {
  const memory = (pyodide as unknown as { _module: { memory: WasmMemory } })._module.memory;
  const grow = memory.grow.bind(memory);
  const capBytes = memory.buffer.byteLength + limitBytes;
  Object.defineProperty(memory, 'grow', {
    value: (deltaPages: number): number => {
      if (memory.buffer.byteLength + deltaPages * 65_536 > capBytes) {
        heap.hit = true;
        throw new RangeError('sandbox memory limit reached');
      }
      return grow(deltaPages);
    },
    writable: false,
    configurable: false,
  });
}

/**
 * CPython in Pyodide polls this "buffer" between bytecodes; reading 2 means SIGINT, i.e. a
 * KeyboardInterrupt in the user's code. Past the deadline it fires every 100 ms, so code that
 * catches the interrupt gets it again, and the parent kills the process after its grace period.
 */
const clock = { deadline: Number.POSITIVE_INFINITY, lastFired: 0 };
const interruptSignal = Object.create(null) as Record<number, number>;
Object.defineProperty(interruptSignal, 0, {
  get: () => {
    const now = Date.now();
    if (now < clock.deadline || now - clock.lastFired < 100) return 0;
    clock.lastFired = now;
    return 2;
  },
  set: () => undefined,
});

shadowEmscriptenGlobals();

/**
 * One Pyodide interpreter at a time, re-created from the boot snapshot (a fraction of a boot)
 * whenever the next run may not see what the last one left: a run of another isolation key, a run
 * without a key, or a run that timed out, hit the memory cap or broke the interpreter.
 */
class PythonEngine implements Engine {
  owner: string | null = null;
  resets = 0;
  private output: OutputBuffer | null = null;
  private dirty = false;
  private runner: PyCallable;

  private constructor(
    private readonly settings: WorkerSettings,
    private readonly snapshot: Uint8Array,
    first: PyodideInterface,
  ) {
    this.runner = this.prepare(first);
  }

  static async boot(settings: WorkerSettings): Promise<PythonEngine> {
    const first = await loadPyodide({ ...pyodideOptions(), _makeSnapshot: true });
    const snapshot = first.makeMemorySnapshot();
    freezeShadowedGlobals();
    return new PythonEngine(settings, snapshot, first);
  }

  async run(request: RunMessage, output: OutputBuffer, started: () => void): Promise<RunOutcome> {
    if (this.owner !== null && this.owner !== request.isolationKey) {
      this.dirty = true;
      await this.replaceInterpreter();
    }
    this.output = output;
    this.dirty = true;
    heap.hit = false;
    clock.lastFired = 0;
    clock.deadline = Date.now() + request.timeoutMs;
    started();
    let envelope: unknown;
    try {
      envelope = this.runner(request.code, request.argsJson, this.settings.maxResultBytes);
    } catch (error) {
      return { ok: false, error: this.interpreterFailure(error), stdout: output.text() };
    } finally {
      clock.deadline = Number.POSITIVE_INFINITY;
      this.output = null;
    }
    const outcome = parseEnvelope(envelope, output);
    const failed = outcome.ok ? null : outcome.error;
    if (failed !== null && (heap.hit || failed.code === 'code_memory_exceeded')) {
      failed.code = 'code_memory_exceeded';
      failed.message = memoryMessage(this.settings);
      delete failed.details;
    }
    this.owner = request.isolationKey;
    // Without a key nobody may reuse the state; after a timeout or the memory cap it is unsound.
    this.dirty = request.isolationKey === null || heap.hit || failed?.code === 'code_timeout';
    return outcome;
  }

  async settle(): Promise<void> {
    if (this.dirty) await this.replaceInterpreter();
  }

  /** The runner itself raised, or the interpreter died (os._exit, the host stack ran out). */
  private interpreterFailure(error: unknown): CodeFailure {
    this.dirty = true;
    if (Date.now() >= clock.deadline) return { code: 'code_timeout', message: 'the code did not finish in time' };
    if (heap.hit) return { code: 'code_memory_exceeded', message: memoryMessage(this.settings) };
    const text = error instanceof Error ? (error.message.split('\n').filter(Boolean).slice(-1)[0] ?? error.name) : String(error);
    if (/call stack/i.test(text)) {
      return { code: 'code_exception', message: 'RecursionError: the interpreter ran out of stack (recursion too deep)', details: { type: 'RecursionError' } };
    }
    return { code: 'code_crashed', message: `the Python interpreter stopped while running the code: ${text}` };
  }

  private async replaceInterpreter(): Promise<void> {
    try {
      this.runner.destroy();
    } catch {
      // A dead interpreter cannot release its proxy; it goes away whole with the garbage.
    }
    const pyodide = await loadPyodide({ ...pyodideOptions(), _loadSnapshot: this.snapshot });
    this.runner = this.prepare(pyodide);
    this.owner = null;
    this.dirty = false;
    this.resets += 1;
  }

  /** Wires output, interrupts and the memory cap to a fresh interpreter and installs the runner in it. */
  private prepare(pyodide: PyodideInterface): PyCallable {
    removeOutboundGlobals();
    const write = (bytes: Uint8Array) => {
      this.output?.writeBytes(bytes);
      return bytes.length;
    };
    pyodide.setStdout({ write, isatty: false });
    pyodide.setStderr({ write, isatty: false });
    pyodide.setInterruptBuffer(interruptSignal as unknown as Int32Array);
    const namespace = pyodide.toPy({}) as PyDict;
    pyodide.runPython(PYTHON_RUNNER, { globals: namespace });
    const runner = namespace.get('sandbox_run') as PyCallable;
    namespace.destroy();
    limitGrowth(pyodide, this.settings.memoryLimitMb * 1_048_576);
    return runner;
  }
}

function pyodideOptions() {
  // jsglobals is what `import js` would see: an object with no prototype leads nowhere.
  return { jsglobals: Object.create(null) as object, env: { HOME: '/home/pyodide', _: '/usr/bin/python' }, stdout: () => undefined, stderr: () => undefined };
}

function memoryMessage(settings: WorkerSettings): string {
  return `the code used more than the ${settings.memoryLimitMb} MB of memory it may use`;
}

function parseEnvelope(envelope: unknown, output: OutputBuffer): RunOutcome {
  const stdout = output.text();
  if (typeof envelope !== 'string') return { ok: false, error: { code: 'code_crashed', message: 'the Python runner returned nothing' }, stdout };
  const parsed = JSON.parse(envelope) as { ok: true; resultJson: string } | { ok: false; error: CodeFailure };
  return parsed.ok ? { ok: true, resultJson: parsed.resultJson, stdout } : { ok: false, error: parsed.error, stdout };
}

await serve((settings) => PythonEngine.boot(settings));
