import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueName } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applicationServices,
  loadCompose,
  readComposeRaw,
  readEnvFile,
  type ComposeService,
  type Variables,
} from './compose.js';
import {
  builtConsole,
  entrypointEnv,
  requireNginx,
  scratchFolder,
  startEntrypoint,
} from './console-nginx.js';
import { execForm, parseDockerfile } from './dockerfile.js';
import { localizeHosts, localizeSplitHosts, referencedHosts, splitHostVariables } from './hosts.js';
import { composeFile, envExampleFile, placeholderMark, repositoryRoot } from './paths.js';
import { runToEnd, startProcess, stopProcess, waitHealthy, type ServiceProcess } from './processes.js';
import {
  createMysqlAccount,
  freePort,
  infrastructureStandIns,
  s3rverCredentials,
  type Endpoint,
  type MysqlAccount,
} from './stand-ins.js';

/**
 * The compose topology without Docker: every application service of docker-compose.yaml runs as its own
 * process, the way its image runs it (the Dockerfile's CMD and ENV, cwd = the repository root as /app),
 * with exactly the environment its compose entry gives. Infrastructure host names point at the local
 * servers, application service names at the processes started here (a service's application
 * dependencies, such as core-tenant for console-hub, are started first). The service must pass its
 * compose health check, then stop cleanly on SIGTERM. console-frontend is the image's entry point with
 * Debian's nginx in front of console-hub. Needs the build output (`npx tsc -b`; `npm test` builds first).
 */
const rawCompose = readComposeRaw(composeFile);
const rawServices = applicationServices(rawCompose);
const standIns = infrastructureStandIns();
let account: MysqlAccount;
let variables: Variables;
const servicePorts = new Map<string, number>();

/** The compose variable that sets SERVICE_PORT (`${CORE_TENANT_PORT:-5052}` → CORE_TENANT_PORT). */
function portVariable(service: ComposeService): string | undefined {
  return /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(service.environment?.SERVICE_PORT ?? '')?.[1];
}

/**
 * The .env of this run: .env.example with fresh random secrets, the local servers' credentials,
 * unique database names, free ports. A service that reads a new database or credential variable
 * gets its test value here.
 */
async function testVariables(): Promise<Variables> {
  const example = readEnvFile(envExampleFile);
  const secrets = Object.fromEntries(
    Object.entries(example)
      .filter(([, value]) => value.includes(placeholderMark))
      .map(([name]) => [name, randomBytes(32).toString('base64')]),
  );
  const ports: Record<string, string> = {};
  for (const [name, service] of rawServices) {
    const port = await freePort();
    servicePorts.set(name, port);
    const variable = portVariable(service);
    if (variable !== undefined) ports[variable] = String(port);
  }
  return {
    ...example,
    ...secrets,
    ...ports,
    ...s3rverCredentials,
    MYSQL_USER: account.user,
    MYSQL_PASSWORD: account.password,
    REDIS_PASSWORD: '',
    DATABASE_URL: `(mysql:3306)/${account.prefix}_tenant`,
    MYSQL_URL: `jdbc:mysql://mysql:3306/${account.prefix}_console`,
    AGENT_MYSQL_DB: `${account.prefix}_agent`,
    WORKFLOW_MYSQL_DB: `${account.prefix}_workflow`,
    LINK_MYSQL_DB: `${account.prefix}_link`,
  };
}

/** ENV of the image's last stage (NODE_ENV=production ...) and its CMD. */
function imageOf(service: ComposeService): { env: Record<string, string>; command: string[] } {
  const dockerfile = parseDockerfile(
    readFileSync(join(repositoryRoot, service.build?.dockerfile ?? ''), 'utf8'),
  );
  const instructions = dockerfile.stages.at(-1)?.instructions ?? [];
  const env: Record<string, string> = {};
  for (const item of instructions.filter((instruction) => instruction.keyword === 'ENV')) {
    for (const pair of item.args.split(/\s+/)) {
      const [name, ...value] = pair.split('=');
      if (name !== undefined && value.length > 0) env[name] = value.join('=');
    }
  }
  const command = execForm(
    instructions.filter((instruction) => instruction.keyword === 'CMD').at(-1)?.args ?? '',
  );
  return { env, command: command ?? [] };
}

async function endpointsFor(environment: Record<string, string>): Promise<Map<string, Endpoint>> {
  const endpoints = new Map<string, Endpoint>();
  for (const [name, port] of servicePorts) endpoints.set(name, { host: '127.0.0.1', port });
  const names = Object.keys(standIns);
  const referenced = Object.values(environment).flatMap((value) => referencedHosts(value, names));
  const split = splitHostVariables(environment, names).map(([, name]) => name);
  for (const name of new Set([...referenced, ...split])) {
    endpoints.set(name, await (standIns[name]?.endpoint() as Promise<Endpoint>));
  }
  return endpoints;
}

function requireBuilt(file: string): void {
  if (!existsSync(join(repositoryRoot, file))) {
    throw new Error(
      `${file} is missing: build the repository first with \`npx tsc -b\` (npm test does it before the tests)`,
    );
  }
}

beforeAll(async () => {
  account = await createMysqlAccount(uniqueName('dpl'));
  variables = await testVariables();
});

afterAll(async () => {
  await account?.drop();
  for (const standIn of Object.values(standIns)) await standIn.close();
});

/** How the service's container would run: its CMD arguments, health check and environment, hosts made local. */
async function asProcess(
  name: string,
  values: Variables,
): Promise<{ args: string[]; healthcheck: string[]; env: Record<string, string> }> {
  const service = loadCompose(composeFile, values).services[name] as ComposeService;
  const image = imageOf(service);
  // A compose `command` replaces the image's CMD (the workflow worker runs the workflow image so).
  const command = Array.isArray(service.command) ? (service.command as string[]) : image.command;
  const [program, ...args] = command;
  expect(program, 'the Dockerfile CMD runs node').toBe('node');
  requireBuilt(args[0] ?? '');
  const healthcheck = service.healthcheck?.test ?? [];
  expect(healthcheck.slice(0, 2), 'the health check is ["CMD", "node", ...]').toEqual(['CMD', 'node']);
  requireBuilt(healthcheck[2] ?? '');

  const composed = service.environment ?? {};
  if (portVariable(service) === undefined) composed.SERVICE_PORT = String(servicePorts.get(name));
  const endpoints = await endpointsFor(composed);
  const local = Object.entries(localizeSplitHosts(composed, endpoints)).map(([key, value]): [string, string] => [
    key,
    localizeHosts(value, endpoints),
  ]);
  return { args, healthcheck: healthcheck.slice(2), env: { ...image.env, ...Object.fromEntries(local) } };
}

/** The application services `name` waits for (depends_on, followed through), each after its own. */
function applicationDependencies(name: string): string[] {
  const applications = rawServices.map(([service]) => service);
  const order: string[] = [];
  for (const dependency of Object.keys(rawCompose.services[name]?.depends_on ?? {})) {
    if (!applications.includes(dependency)) continue;
    for (const item of [...applicationDependencies(dependency), dependency])
      if (!order.includes(item)) order.push(item);
  }
  return order;
}

/** Starts the service as its image would, and waits for its compose health check. */
async function startHealthy(
  name: string,
): Promise<{ running: ServiceProcess; healthy: boolean; last: string }> {
  const { args, healthcheck, env } = await asProcess(name, variables);
  const running = startProcess(process.execPath, args, { cwd: repositoryRoot, env });
  const check = () =>
    runToEnd(process.execPath, healthcheck, { cwd: repositoryRoot, env, timeoutMillis: 6_000 });
  const health = await waitHealthy(running, check, 30_000);
  return { running, ...health };
}

/** Starts `names` in order, each healthy before the next; the processes, to stop in reverse. */
async function startDependencies(names: string[]): Promise<ServiceProcess[]> {
  const started: ServiceProcess[] = [];
  for (const name of names) {
    const { running, healthy, last } = await startHealthy(name);
    started.push(running);
    if (!healthy) {
      await stopAll(started);
      throw new Error(
        `dependency ${name} never became healthy: ${last}\n--- output ---\n${running.output()}`,
      );
    }
  }
  return started;
}

async function stopAll(started: ServiceProcess[]): Promise<void> {
  for (const running of [...started].reverse()) await stopProcess(running, 10_000);
}

// Generous limits: console-hub waits for four services started here first, and a loaded machine (CI running
// other suites beside this one) takes many seconds just to load a service's modules.
describe.each(rawServices.map(([name]) => name))('compose service %s as a process', (name) => {
  it('passes its compose health check, then stops cleanly on SIGTERM', { timeout: 240_000 }, async () => {
    const dependencies = await startDependencies(applicationDependencies(name));
    try {
      const { running, healthy, last } = await startHealthy(name);
      const exit = await stopProcess(running, 10_000);
      expect(healthy, `${name} never became healthy: ${last}\n--- output ---\n${running.output()}`).toBe(
        true,
      );
      expect(exit, `${name} did not stop cleanly on SIGTERM\n--- output ---\n${running.output()}`).toBe(0);
    } finally {
      await stopAll(dependencies);
    }
  });

  it(
    'refuses to start with the placeholders of .env.example, naming a secret',
    { timeout: 90_000 },
    async () => {
      const placeholders = { ...variables };
      for (const [variable, value] of Object.entries(readEnvFile(envExampleFile))) {
        if (value.includes(placeholderMark)) placeholders[variable] = value;
      }
      const { args, env } = await asProcess(name, placeholders);
      const result = await runToEnd(process.execPath, args, {
        cwd: repositoryRoot,
        env,
        timeoutMillis: 60_000,
      });
      expect(result.code, result.output).not.toBe(0);
      expect(result.output).toMatch(/ASTRON_SERVICE_TOKEN|ASTRON_ENCRYPTION_KEY/);
    },
  );
});

describe('compose service console-frontend as nginx', () => {
  const scratch = scratchFolder('astron-topology-console-');
  afterAll(() => scratch.remove());

  it(
    'runs the image entry point with its compose environment in front of console-hub',
    { timeout: 300_000 },
    async () => {
      requireNginx();
      const dist = await builtConsole(scratch.path);
      const service = loadCompose(composeFile, variables).services['console-frontend'] as ComposeService;
      // The health check is nginx's own page on the port the image listens on (1881 unless CONSOLE_PORT).
      const healthUrl = new URL(service.healthcheck?.test.at(-1) ?? '');
      expect([healthUrl.hostname, healthUrl.port, healthUrl.pathname]).toEqual([
        '127.0.0.1',
        '1881',
        '/nginx-health',
      ]);

      const dependencies = await startDependencies(applicationDependencies('console-frontend'));
      try {
        const composed = service.environment ?? {};
        const endpoints = await endpointsFor(composed);
        const local = Object.fromEntries(
          Object.entries(composed).map(([key, value]) => [key, localizeHosts(value, endpoints)]),
        );
        const env = entrypointEnv({
          root: dist,
          runtimeDir: join(scratch.path, 'runtime'),
          variables: { ...local, CONSOLE_PORT: String(await freePort()) },
        });
        const nginx = await startEntrypoint(env);
        try {
          const page = await fetch(`${nginx.url}/`);
          expect(page.status).toBe(200);
          expect(await page.text()).toBe(readFileSync(join(dist, 'index.html'), 'utf8'));
          // The hub in distributed mode (MariaDB, Redis, the tenant process), reached through nginx.
          const setup = await fetch(`${nginx.url}/api/setup`);
          expect(setup.status, await setup.clone().text()).toBe(200);
          expect(await setup.json()).toMatchObject({ needsSetup: true });
        } finally {
          expect(await nginx.stop(), `nginx did not stop cleanly\n${nginx.process.output()}`).toBe(0);
        }
      } finally {
        await stopAll(dependencies);
      }
    },
  );
});
