import { removeOutboundGlobals } from './lockdown.js';
import { OutputBuffer } from './output.js';
import type { RunMessage, RunOutcome, WorkerMessage, WorkerSettings } from '../protocol.js';

export interface Engine {
  /** Runs one request; failures of user code are outcomes, never exceptions. `started` marks where user code begins. */
  run(request: RunMessage, output: OutputBuffer, started: () => void): Promise<RunOutcome>;
  /** Work between runs (Python: a fresh interpreter when one is due); the worker takes no run until it resolves. */
  settle(): Promise<void>;
  /** The isolation key of the state the next run would see; null for a pristine engine. */
  readonly owner: string | null;
  readonly resets: number;
}

function isRunMessage(value: unknown): value is RunMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return (
    message.type === 'run' &&
    typeof message.id === 'number' &&
    typeof message.code === 'string' &&
    typeof message.argsJson === 'string' &&
    typeof message.timeoutMs === 'number' &&
    (message.isolationKey === null || typeof message.isolationKey === 'string')
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The worker's main loop: boot the engine, then take one run at a time from the parent. */
export async function serve(boot: (settings: WorkerSettings) => Promise<Engine>): Promise<void> {
  const channel = process.send?.bind(process);
  if (channel === undefined) throw new Error('a sandbox worker must be started by the sandbox pool (no IPC channel)');
  const send = (message: WorkerMessage) => channel(message);
  // The parent going away ends the worker; nothing else would.
  process.on('disconnect', () => process.exit(0));

  const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
  let engine: Engine;
  try {
    engine = await boot(settings);
    removeOutboundGlobals();
  } catch (error) {
    send({ type: 'failed', message: `the sandbox engine did not start: ${describe(error)}` });
    process.exit(1);
  }

  let busy = false;
  const handle = async (request: RunMessage) => {
    const output = new OutputBuffer(settings.maxOutputBytes);
    let outcome: RunOutcome;
    try {
      outcome = await engine.run(request, output, () => send({ type: 'started', id: request.id, resets: engine.resets }));
    } catch (error) {
      outcome = { ok: false, error: { code: 'code_crashed', message: `the sandbox failed while running the code: ${describe(error)}` }, stdout: output.text() };
    }
    send({ type: 'finished', id: request.id, ...outcome });
    try {
      await engine.settle();
      removeOutboundGlobals();
    } catch (error) {
      send({ type: 'failed', message: `the sandbox could not reset: ${describe(error)}` });
      process.exit(1);
    }
    busy = false;
    send({ type: 'ready', owner: engine.owner, resets: engine.resets });
  };

  process.on('message', (message: unknown) => {
    if (busy || !isRunMessage(message)) return;
    busy = true;
    void handle(message);
  });
  send({ type: 'ready', owner: engine.owner, resets: engine.resets });
}
