import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startProcess, stopProcess, type ServiceProcess } from '../deploy/processes.js';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The build output the test drives; it builds nothing itself (`npm test` and `npm run build` do). */
export function requireBuilds(): void {
  const missing = ['apps/cli/dist/main.js', 'apps/console/dist/index.html'].filter(
    (path) => !existsSync(join(repositoryRoot, path)),
  );
  if (missing.length > 0) {
    throw new Error(
      `the end-to-end test needs the built platform and console; missing ${missing.join(', ')}: run \`npm run build\` first`,
    );
  }
}


interface PlatformPorts {
  env: Record<string, string>;
  urls: Record<string, string>;
}

/**
 * A free port for every service of the built CLI (apps/cli/src/testing/platform.ts does the same for the CLI's own
 * tests; loaded at run time so this project does not compile the CLI's sources).
 */
async function platformPorts(): Promise<PlatformPorts> {
  const module = pathToFileURL(join(repositoryRoot, 'apps/cli/dist/testing/platform.js')).href;
  const loaded = (await import(module)) as { platformPorts(): Promise<PlatformPorts> };
  return loaded.platformPorts();
}

export interface RunningPlatform {
  hubUrl: string;
  output(): string;
  stop(): Promise<void>;
}

/** `astron start` in embedded mode as its own process, on a fresh data directory and free ports; `env` on top. */
export async function startPlatform(timeoutMillis = 90_000, env: Record<string, string> = {}): Promise<RunningPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'astron-e2e-'));
  const ports = await platformPorts();
  const service = startProcess(process.execPath, ['apps/cli/dist/main.js', 'start'], {
    cwd: repositoryRoot,
    env: {
      ...(process.env as Record<string, string>),
      ASTRON_MODE: 'embedded',
      ASTRON_DATA_DIR: dataDir,
      ...ports.env,
      ...env,
    },
  });
  const stop = async () => {
    await stopProcess(service, 15_000);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForLine(service, 'service(s) ready', timeoutMillis);
  } catch (error) {
    await stop();
    throw error;
  }
  return { hubUrl: ports.urls.hub!, output: () => service.output(), stop };
}

async function waitForLine(service: ServiceProcess, text: string, timeoutMillis: number): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  let ended = false;
  void service.exited.then(() => (ended = true));
  while (!service.output().includes(text)) {
    if (ended) throw new Error(`the platform exited before "${text}":\n${service.output()}`);
    if (Date.now() > deadline)
      throw new Error(`no "${text}" within ${timeoutMillis} ms:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
