import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { consoleEntrypoint, consoleNginxTemplate, repositoryRoot } from './paths.js';
import { runToEnd, startProcess, stopProcess, type ServiceProcess } from './processes.js';
import { freePort } from './stand-ins.js';

/**
 * The console image's nginx without Docker: the image's entry point (apps/console/docker-entrypoint.sh)
 * run by Debian's sh with Debian's nginx, the image's paths pointed at local ones. Everything else, the
 * rendering of the template, config.js and nginx's command line, is the image's own.
 */
export const debianMimeTypes = '/etc/nginx/mime.types';

export function requireNginx(): void {
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { env: nginxPathEnv(), encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      'nginx is not installed: apt-get install -y --no-install-recommends nginx (.ci/run does it)',
    );
  }
}

function nginxPathEnv(): Record<string, string> {
  return { PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` };
}

/** A scratch folder nginx's workers can enter: as root, nginx runs them as `nobody`. */
export function scratchFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(path, 0o755);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The entry point's environment: the image's variables with local paths, plus `variables`. */
export function entrypointEnv(options: {
  root: string;
  runtimeDir: string;
  variables?: Record<string, string>;
}): Record<string, string> {
  return {
    ...nginxPathEnv(),
    CONSOLE_ROOT: options.root,
    NGINX_RUNTIME_DIR: options.runtimeDir,
    NGINX_TEMPLATE: consoleNginxTemplate,
    NGINX_MIME_TYPES: debianMimeTypes,
    // The image logs to /dev/stdout, which cannot be opened when stdout is a socket, as node makes it.
    NGINX_ACCESS_LOG: join(options.runtimeDir, 'access.log'),
    // Only names need it, and every upstream here is an IP address; kept off /etc/resolv.conf.
    NGINX_RESOLVER: '127.0.0.1',
    ...options.variables,
  };
}

/** Runs the entry point to its end, e.g. with `-t` (nginx tests the configuration and exits). */
export function runEntrypoint(args: string[], env: Record<string, string>) {
  return runToEnd('sh', [consoleEntrypoint, ...args], { cwd: repositoryRoot, env, timeoutMillis: 15_000 });
}

export interface RunningNginx {
  url: string;
  process: ServiceProcess;
  stop(): Promise<number | string>;
}

/** Starts the entry point (nginx in the foreground) on `env.CONSOLE_PORT`; resolves once /nginx-health answers. */
export async function startEntrypoint(env: Record<string, string>): Promise<RunningNginx> {
  const url = `http://127.0.0.1:${env.CONSOLE_PORT}`;
  const running = startProcess('sh', [consoleEntrypoint], { cwd: repositoryRoot, env });
  const deadline = Date.now() + 10_000;
  let ended = false;
  void running.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    const ok = await fetch(`${url}/nginx-health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return { url, process: running, stop: () => stopProcess(running, 5_000) };
    await sleep(100);
  }
  await stopProcess(running, 2_000);
  throw new Error(`nginx did not come up on ${url}\n--- output ---\n${running.output()}`);
}

/** nginx with the console at `root` in front of `upstream` (host:port), on a free port. */
export async function startConsoleNginx(options: {
  root: string;
  upstream: string;
  runtimeDir: string;
  variables?: Record<string, string>;
}): Promise<RunningNginx> {
  const port = await freePort();
  return startEntrypoint(
    entrypointEnv({
      root: options.root,
      runtimeDir: options.runtimeDir,
      variables: { CONSOLE_PORT: String(port), CONSOLE_HUB_UPSTREAM: options.upstream, ...options.variables },
    }),
  );
}

/**
 * The built console: apps/console/dist when it has been built (`npm run build -w @astron/console`),
 * else a build made now into `scratch` (the tree's dist is left alone; another test may be reading it).
 */
export async function builtConsole(scratch: string): Promise<string> {
  const dist = join(repositoryRoot, 'apps/console/dist');
  if (existsSync(join(dist, 'index.html'))) return dist;
  const outDir = join(scratch, 'console-dist');
  const build = await runToEnd(
    process.execPath,
    [join(repositoryRoot, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: join(repositoryRoot, 'apps/console'),
      env: { PATH: process.env.PATH ?? '' },
      timeoutMillis: 120_000,
    },
  );
  if (build.code !== 0 || !existsSync(join(outDir, 'index.html'))) {
    throw new Error(`the console did not build (npm run build -w @astron/console):\n${build.output}`);
  }
  return outDir;
}
