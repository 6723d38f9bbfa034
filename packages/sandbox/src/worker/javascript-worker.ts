import './lockdown.js';
import { newQuickJSWASMModule, type QuickJSContext, type QuickJSHandle, type QuickJSWASMModule } from 'quickjs-emscripten';
import { JAVASCRIPT_PRELUDE } from './javascript-prelude.js';
import type { OutputBuffer } from './output.js';
import { serve, type Engine } from './serve.js';
import type { CodeFailure, RunMessage, RunOutcome, WorkerSettings } from '../protocol.js';

const FILENAME = 'code.js';
/** QuickJS's own stack limit; the worker's V8 stack is raised above it (launch.ts) so QuickJS hits its limit first. */
const STACK_BYTES = 1024 * 1024;
const MAX_STACK_FRAMES = 20;

type Phase = 'evaluate' | 'call' | 'result';

class RunFailure extends Error {
  constructor(readonly failure: CodeFailure) {
    super(failure.message);
  }
}

/**
 * Each run gets a new QuickJS runtime and context: nothing survives from one run to the next, and
 * the memory limit and interrupt handler are the run's own. The only host function in the context
 * is the output writer handed to the prelude.
 */
class JavaScriptEngine implements Engine {
  readonly owner = null;
  readonly resets = 0;
  /** Set when the WebAssembly module itself failed (a host stack overflow): its state can no longer be trusted. */
  private broken = false;

  constructor(
    private quickjs: QuickJSWASMModule,
    private readonly settings: WorkerSettings,
  ) {}

  static async boot(settings: WorkerSettings): Promise<JavaScriptEngine> {
    return new JavaScriptEngine(await newQuickJSWASMModule(), settings);
  }

  async run(request: RunMessage, output: OutputBuffer, started: () => void): Promise<RunOutcome> {
    const runtime = this.quickjs.newRuntime();
    const handles: QuickJSHandle[] = [];
    let deadline = Number.POSITIVE_INFINITY;
    runtime.setMemoryLimit(this.settings.memoryLimitMb * 1_048_576);
    runtime.setMaxStackSize(STACK_BYTES);
    runtime.setInterruptHandler(() => Date.now() > deadline);
    const vm = runtime.newContext();
    const keep = (handle: QuickJSHandle) => (handles.push(handle), handle);
    let helpers: QuickJSHandle | null = null;
    const failureOf = (error: QuickJSHandle, phase: Phase): CodeFailure => {
      keep(error);
      if (Date.now() > deadline) return { code: 'code_timeout', message: 'the code did not finish in time' };
      const thrown = helpers === null ? null : this.describe(vm, keep, helpers, error);
      return classify(thrown, phase, this.settings);
    };
    try {
      helpers = this.installPrelude(vm, keep, output);
      const args = this.call(vm, keep, keep(vm.getProp(helpers, 'parseArgs')), [keep(vm.newString(request.argsJson))], failureOf);
      started();
      deadline = Date.now() + request.timeoutMs;
      const evaluated = vm.evalCode(request.code, FILENAME, { type: 'global' });
      if (evaluated.error) throw new RunFailure(failureOf(evaluated.error, 'evaluate'));
      keep(evaluated.value);
      const found = vm.evalCode('typeof main === "function" ? main : undefined', 'sandbox-main.js');
      if (found.error) throw new RunFailure(failureOf(found.error, 'call'));
      const main = keep(found.value);
      if (vm.typeof(main) !== 'function') {
        throw new RunFailure({ code: 'code_main_missing', message: 'the code must define a function main({ ...variables }) that returns an object' });
      }
      const returned = this.awaitResult(vm, this.call(vm, keep, main, [args], failureOf), keep, failureOf);
      const encoded = this.call(vm, keep, keep(vm.getProp(helpers, 'encodeResult')), [returned], (error) => failureOf(error, 'result'));
      return { ok: true, resultJson: vm.getString(encoded), stdout: output.text() };
    } catch (error) {
      if (error instanceof RunFailure) return { ok: false, error: error.failure, stdout: output.text() };
      this.broken = true;
      return { ok: false, error: hostFailure(error), stdout: output.text() };
    } finally {
      this.release(handles, vm, runtime);
    }
  }

  async settle(): Promise<void> {
    if (!this.broken) return;
    this.quickjs = await newQuickJSWASMModule();
    this.broken = false;
  }

  private release(handles: QuickJSHandle[], vm: QuickJSContext, runtime: { dispose(): void }): void {
    try {
      for (const handle of handles) if (handle.alive) handle.dispose();
      vm.dispose();
      runtime.dispose();
    } catch {
      // A runtime that cannot be freed cleanly is dropped with its whole module before the next run.
      this.broken = true;
    }
  }

  private installPrelude(vm: QuickJSContext, keep: (handle: QuickJSHandle) => QuickJSHandle, output: OutputBuffer): QuickJSHandle {
    const write = keep(
      vm.newFunction('write', (text) => {
        if (output.remaining > 0) output.write(vm.getString(text));
        else output.drop();
      }),
    );
    const factory = keep(vm.unwrapResult(vm.evalCode(JAVASCRIPT_PRELUDE, 'sandbox-prelude.js')));
    const limits = [keep(vm.newNumber(this.settings.maxOutputBytes)), keep(vm.newNumber(this.settings.maxResultBytes))];
    return keep(vm.unwrapResult(vm.callFunction(factory, vm.undefined, write, ...limits)));
  }

  /** What a thrown value says, through the prelude; null when even that fails (the runtime is out of memory). */
  private describe(vm: QuickJSContext, keep: (handle: QuickJSHandle) => QuickJSHandle, helpers: QuickJSHandle, error: QuickJSHandle): Thrown | null {
    const described = vm.callFunction(keep(vm.getProp(helpers, 'describeError')), vm.undefined, error);
    if (described.error) {
      keep(described.error);
      return null;
    }
    return JSON.parse(vm.getString(keep(described.value))) as Thrown;
  }

  private call(
    vm: QuickJSContext,
    keep: (handle: QuickJSHandle) => QuickJSHandle,
    fn: QuickJSHandle,
    args: QuickJSHandle[],
    failureOf: (error: QuickJSHandle, phase: Phase) => CodeFailure,
  ): QuickJSHandle {
    const result = vm.callFunction(fn, vm.undefined, ...args);
    if (result.error) throw new RunFailure(failureOf(result.error, 'call'));
    return keep(result.value);
  }

  /** `async function main` works as long as it needs no timers or I/O: there are none. */
  private awaitResult(
    vm: QuickJSContext,
    value: QuickJSHandle,
    keep: (handle: QuickJSHandle) => QuickJSHandle,
    failureOf: (error: QuickJSHandle, phase: Phase) => CodeFailure,
  ): QuickJSHandle {
    const jobs = vm.runtime.executePendingJobs();
    if (jobs.error) throw new RunFailure(failureOf(jobs.error, 'call'));
    const state = vm.getPromiseState(value);
    if (state.type === 'pending') {
      throw new RunFailure({ code: 'code_result_invalid', message: 'main returned a promise that never settled: the sandbox has no timers or I/O to wait for' });
    }
    if (state.type === 'rejected') throw new RunFailure(failureOf(state.error, 'call'));
    return state.notAPromise === true ? value : keep(state.value);
  }
}

/** The QuickJS module threw into the host instead of into the guest: only a stack overflow is expected here. */
function hostFailure(error: unknown): CodeFailure {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { code: 'code_exception', message: 'InternalError: stack overflow (recursion or nesting too deep)', details: { type: 'InternalError' } };
  }
  return { code: 'code_crashed', message: `the JavaScript engine failed while running the code: ${error instanceof Error ? error.message : String(error)}` };
}

interface Thrown {
  name: string;
  message: string;
  stack: string;
}

/** Maps what QuickJS threw to a failure a workflow author can act on; `null` means it could not even be described. */
function classify(thrown: Thrown | null, phase: Phase, settings: WorkerSettings): CodeFailure {
  const memory: CodeFailure = { code: 'code_memory_exceeded', message: `the code used more than the ${settings.memoryLimitMb} MB of memory it may use` };
  if (thrown === null) return memory;
  const { name, message: text, stack } = thrown;
  if (name === 'InternalError' && text === 'interrupted') return { code: 'code_timeout', message: 'the code did not finish in time' };
  if (/out of memory/i.test(text)) return memory;
  const frames = userFrames(stack);
  const line = frames[0]?.line ?? null;
  const where = line === null ? '' : ` (line ${line})`;
  if (phase === 'evaluate' && name === 'SyntaxError' && isCompileError(stack)) {
    return { code: 'code_syntax_error', message: `SyntaxError${where}: ${text}`, details: { line } };
  }
  const summary = /stack overflow/i.test(text) ? `${name}: ${text} (recursion too deep)` : `${name}: ${text}`;
  if (phase === 'result') return { code: 'code_result_invalid', message: text, details: { type: name } };
  return { code: 'code_exception', message: `${summary}${where}`, details: { type: name, line, stack: frames.map((frame) => frame.text).join('\n') } };
}

/** Frames of the user's file only, innermost first; the host's own files never show. */
function userFrames(stack: string): { line: number; text: string }[] {
  const frames: { line: number; text: string }[] = [];
  for (const raw of stack.split('\n')) {
    const match = /code\.js:(\d+)/.exec(raw);
    if (match?.[1] !== undefined) frames.push({ line: Number(match[1]), text: raw.trim() });
    if (frames.length === MAX_STACK_FRAMES) break;
  }
  return frames;
}

/** A parse error's stack names only the position in the file; one thrown while running names a function too. */
function isCompileError(stack: string): boolean {
  const lines = stack.split('\n').filter((line) => line.trim() !== '');
  return lines.length <= 1 && !lines.some((line) => line.includes('('));
}

await serve((settings) => JavaScriptEngine.boot(settings));
