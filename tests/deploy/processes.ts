import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** A service started as its own OS process, with the tail of its output kept for failure messages. */
export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

const keptOutput = 16_000;

export function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): ServiceProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-keptOutput);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, output: () => output, exited };
}

/** Runs a command to its end (killed after `timeoutMillis`); its exit code and output. */
export async function runToEnd(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMillis: number },
): Promise<{ code: number | string; output: string }> {
  const run = startProcess(command, args, options);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), options.timeoutMillis);
  const code = await run.exited;
  clearTimeout(timer);
  return { code, output: run.output() };
}

/**
 * Repeats the health check until it exits 0, the service process ends, or `timeoutMillis` pass.
 * Returns the last result so a failure can say why.
 */
export async function waitHealthy(
  service: ServiceProcess,
  check: () => Promise<{ code: number | string; output: string }>,
  timeoutMillis: number,
): Promise<{ healthy: boolean; last: string }> {
  const deadline = Date.now() + timeoutMillis;
  let ended = false;
  void service.exited.then(() => (ended = true));
  let last = 'the health check never ran';
  while (Date.now() < deadline && !ended) {
    const result = await check();
    if (result.code === 0) return { healthy: true, last: result.output };
    last = `exit ${result.code}: ${result.output.trim()}`;
    await sleep(300);
  }
  return { healthy: false, last: ended ? `the service exited (${await service.exited})` : last };
}

/** SIGTERM, then the exit code; SIGKILL and 'killed' when it does not end within `timeoutMillis`. */
export async function stopProcess(service: ServiceProcess, timeoutMillis: number): Promise<number | string> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return service.exited;
  service.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'killed'>(
    (resolve) => (timer = setTimeout(() => resolve('killed'), timeoutMillis)),
  );
  const result = await Promise.race([service.exited, timeout]);
  clearTimeout(timer);
  if (result === 'killed') {
    service.child.kill('SIGKILL');
    await service.exited;
  }
  return result;
}
