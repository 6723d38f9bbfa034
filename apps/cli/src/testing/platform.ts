import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { portVariable } from '../environment.js';
import { services } from '../registry.js';

/** For the CLI's own tests: the built command, free ports, and `astron start` as a child process. */
export const repositoryRoot = resolve(import.meta.dirname, '../../../..');
export const cliMain = join(repositoryRoot, 'apps/cli/dist/main.js');

export function requireBuiltCli(): void {
  if (!existsSync(cliMain)) throw new Error(`${cliMain} is missing: run \`npx tsc -b\` (npm test does) before this test`);
}

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface PlatformPorts {
  /** CORE_TENANT_PORT, CONSOLE_HUB_PORT ... for every service of the registry. */
  env: Record<string, string>;
  /** Each service's address by its name (hub, knowledge ...). */
  urls: Record<string, string>;
}

/** A free port for every service, so platforms started by tests running side by side never share one. */
export async function platformPorts(): Promise<PlatformPorts> {
  const env: Record<string, string> = {};
  const urls: Record<string, string> = {};
  for (const service of services) {
    const port = await freePort();
    env[portVariable(service)] = String(port);
    urls[service.name] = `http://127.0.0.1:${port}`;
  }
  return { env, urls };
}

export interface StartedPlatform {
  /** Milliseconds until every service was ready; rejects when the process exits first or after `timeoutMs`. */
  ready: Promise<number>;
  output(): string;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/** `astron start` with this environment on top of the test's own. */
export function startPlatform(env: Record<string, string>, timeoutMs = 120_000): StartedPlatform {
  requireBuiltCli();
  const child = spawn(process.execPath, [cliMain, 'start'], { cwd: repositoryRoot, env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  const ready = new Promise<number>((done, fail) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (/service\(s\) ready/.test(output)) {
        clearInterval(timer);
        done(Date.now() - started);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        fail(new Error(`astron start was not ready within ${timeoutMs} ms:\n${output}`));
      }
    }, 25);
    void exited.then((code) => {
      clearInterval(timer);
      fail(new Error(`astron start exited with ${code}:\n${output}`));
    });
  });
  // A platform that never got ready is stopped by the test's stop(); this keeps an early exit from going unhandled.
  ready.catch(() => undefined);
  return {
    ready,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI without blocking this process (a service under test may be serving it). */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  requireBuiltCli();
  return new Promise((done) => {
    const child = spawn(process.execPath, [cliMain, ...args], { cwd: repositoryRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (status) => done({ status, stdout, stderr }));
  });
}
