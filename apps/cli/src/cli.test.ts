import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { signServiceToken } from '@astron/kit/crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { cliMain as cli, freePort, platformPorts, repositoryRoot as root, startPlatform, type PlatformPorts } from './testing/platform.js';
const dataDirs: string[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'astron-cli-'));
  dataDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
}

const embeddedEnv = (dataDir: string, ports: PlatformPorts) => ({ ASTRON_DATA_DIR: dataDir, ...ports.env, LOG_LEVEL: 'warn', ASTRON_MODE: '' });

describe('astron start (embedded)', () => {
  test('brings tenant up healthy with no servers configured, and a restart keeps its data', async () => {
    const dataDir = freshDataDir();
    const ports = await platformPorts();
    const first = startPlatform(embeddedEnv(dataDir, ports));
    const milliseconds = await first.ready;
    process.stdout.write(`embedded start took ${milliseconds} ms\n`);
    for (const url of Object.values(ports.urls)) expect((await fetch(`${url}/ready`)).status, url).toBe(200);
    const tenant = ports.urls.tenant!;

    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { serviceToken: string };
    const headers = () => ({
      authorization: `Service ${signServiceToken(secrets.serviceToken, { caller: 'test', space: 'space_cli' })}`,
      'content-type': 'application/json',
    });
    const created = await fetch(`${tenant}/apps`, { method: 'POST', headers: headers(), body: JSON.stringify({ name: 'survives restarts' }) });
    expect(created.status).toBe(201);
    expect(await first.stop()).toBe(0);

    const second = startPlatform(embeddedEnv(dataDir, ports));
    await second.ready;
    const listed = (await (await fetch(`${tenant}/apps`, { headers: headers() })).json()) as { apps: { name: string }[] };
    expect(listed.apps.map((app) => app.name)).toEqual(['survives restarts']);
    expect(await second.stop()).toBe(0);
  });
});

describe('astron start with no servers reachable at all', () => {
  // A network namespace of its own has only a loopback: PostgreSQL, MariaDB and Redis of this machine are out of
  // reach, which is stronger than stopping them and leaves them running for the other suites.
  test('embedded mode starts and is ready inside an empty network namespace', () => {
    const dataDir = freshDataDir();
    const script = [
      'ip link set lo up',
      'pg_isready -h 127.0.0.1 -p 5432 -t 1 >/dev/null 2>&1 && echo "postgres reachable"',
      'redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && echo "redis reachable"',
      `ASTRON_DATA_DIR=${dataDir} LOG_LEVEL=warn node ${cli} start > ${dataDir}/start.log 2>&1 & PID=$!`,
      // The hub starts last: once it answers, every service has started.
      'for i in $(seq 1 240); do curl -sf 127.0.0.1:8080/ready >/dev/null && break; sleep 0.25; done',
      'for port in 5052 17870 7880 8080; do curl -sf 127.0.0.1:$port/ready; echo; done',
      'kill $PID; wait $PID',
    ].join('\n');
    const result = spawnSync('unshare', ['-n', 'sh', '-c', script], { cwd: root, encoding: 'utf8', timeout: 90_000 });
    expect(result.error).toBeUndefined();
    expect(result.stdout).not.toContain('reachable');
    const ready = result.stdout.split('\n').filter((line) => line.includes('"status":"ready"'));
    expect(ready, result.stdout).toHaveLength(4);
  });
});

describe('bad configuration', () => {
  test('a service alone stops naming the variable, exit code 78', () => {
    const result = spawnSync(process.execPath, [join(root, 'services/tenant/dist/main.js')], {
      cwd: root,
      env: { ...process.env, SERVICE_PORT: 'not-a-port', ASTRON_DATA_DIR: freshDataDir() },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('SERVICE_PORT: expected an integer from 1 to 65535; got "not-a-port"');
  });

  test('astron start in distributed mode without secrets or servers names every missing variable', () => {
    const result = run(['start', '--services', 'tenant'], { ASTRON_MODE: 'distributed', ASTRON_DATA_DIR: freshDataDir(), ASTRON_SERVICE_TOKEN: '', ASTRON_ENCRYPTION_KEY: '' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('ASTRON_SERVICE_TOKEN');
    expect(result.stderr).toContain('ASTRON_ENCRYPTION_KEY');
  });
});

describe('astron migrate', () => {
  test('applies every service migration once', () => {
    const env = { ASTRON_DATA_DIR: freshDataDir(), ASTRON_MODE: '' };
    const first = run(['migrate'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/tenant\s+applied 0001_apps_and_credentials/);
    expect(first.stdout).toMatch(/hub\s+applied 0001_accounts/);
    expect(first.stdout).toMatch(/agent\s+applied 0001/);
    const second = run(['migrate'], env);
    expect(second.stdout).toMatch(/tenant\s+up to date/);
    expect(second.stdout).toMatch(/hub\s+up to date/);
  });
});

describe('astron doctor', () => {
  test('names the dependency that is down and how to fix it', () => {
    const configFile = join(freshDataDir(), 'broken.env');
    writeFileSync(
      configFile,
      [
        'ASTRON_MODE=distributed',
        `ASTRON_SERVICE_TOKEN=${randomBytes(24).toString('hex')}`,
        `ASTRON_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
        'DATABASE_DB_TYPE=mysql',
        'DATABASE_URL="(127.0.0.1:1)/tenant"',
        'DATABASE_USERNAME=root',
        'REDIS_ADDR=127.0.0.1:6379',
      ].join('\n'),
    );
    const result = run(['doctor', '--config', configFile, '--json', '--services', 'tenant'], {});
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; findings: { check: string; ok: boolean; detail: string; fix?: string }[] };
    const database = report.findings.find((finding) => finding.check === 'database');
    expect(database).toMatchObject({ ok: false });
    expect(database?.detail).toContain('127.0.0.1:1');
    expect(database?.fix).toContain('DATABASE_URL');
    expect(report.findings.find((finding) => finding.check === 'redis')).toMatchObject({ ok: true });
  });

  test('passes when everything is reachable', async () => {
    const result = run(['doctor', '--services', 'tenant'], { ASTRON_DATA_DIR: freshDataDir(), CORE_TENANT_PORT: String(await freePort()), ASTRON_MODE: '' });
    expect(result.stdout).toContain('✓ tenant');
    expect(result.status).toBe(0);
  });
});
