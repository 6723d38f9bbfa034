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
import { execForm, parseDockerfile } from './dockerfile.js';
import { localizeHosts, referencedHosts } from './hosts.js';
import { composeFile, envExampleFile, placeholderMark, repositoryRoot } from './paths.js';
import { runToEnd, startProcess, stopProcess, waitHealthy } from './processes.js';
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
 * servers. The service must pass its compose health check, then stop cleanly on SIGTERM.
 * Needs the build output (`npx tsc -b`; `npm test` builds first).
 */
const rawServices = applicationServices(readComposeRaw(composeFile));
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
    POSTGRES_USER: 'postgres',
    REDIS_PASSWORD: '',
    DATABASE_URL: `(mysql:3306)/${account.prefix}_tenant`,
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
  for (const value of Object.values(environment)) {
    for (const name of referencedHosts(value, names))
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
  const [program, ...args] = image.command;
  expect(program, 'the Dockerfile CMD runs node').toBe('node');
  requireBuilt(args[0] ?? '');
  const healthcheck = service.healthcheck?.test ?? [];
  expect(healthcheck.slice(0, 2), 'the health check is ["CMD", "node", ...]').toEqual(['CMD', 'node']);
  requireBuilt(healthcheck[2] ?? '');

  const composed = service.environment ?? {};
  if (portVariable(service) === undefined) composed.SERVICE_PORT = String(servicePorts.get(name));
  const endpoints = await endpointsFor(composed);
  const local = Object.entries(composed).map(([key, value]): [string, string] => [
    key,
    localizeHosts(value, endpoints),
  ]);
  return { args, healthcheck: healthcheck.slice(2), env: { ...image.env, ...Object.fromEntries(local) } };
}

describe.each(rawServices.map(([name]) => name))('compose service %s as a process', (name) => {
  it('passes its compose health check, then stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const { args, healthcheck, env } = await asProcess(name, variables);
    const running = startProcess(process.execPath, args, { cwd: repositoryRoot, env });
    const check = () =>
      runToEnd(process.execPath, healthcheck, { cwd: repositoryRoot, env, timeoutMillis: 6_000 });
    const health = await waitHealthy(running, check, 30_000);
    const exit = await stopProcess(running, 10_000);
    expect(
      health.healthy,
      `${name} never became healthy: ${health.last}\n--- output ---\n${running.output()}`,
    ).toBe(true);
    expect(exit, `${name} did not stop cleanly on SIGTERM\n--- output ---\n${running.output()}`).toBe(0);
  });

  it(
    'refuses to start with the placeholders of .env.example, naming a secret',
    { timeout: 30_000 },
    async () => {
      const placeholders = { ...variables };
      for (const [variable, value] of Object.entries(readEnvFile(envExampleFile))) {
        if (value.includes(placeholderMark)) placeholders[variable] = value;
      }
      const { args, env } = await asProcess(name, placeholders);
      const result = await runToEnd(process.execPath, args, {
        cwd: repositoryRoot,
        env,
        timeoutMillis: 20_000,
      });
      expect(result.code, result.output).not.toBe(0);
      expect(result.output).toMatch(/ASTRON_SERVICE_TOKEN|ASTRON_ENCRYPTION_KEY/);
    },
  );
});
