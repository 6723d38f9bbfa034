import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCompose, readEnvFile, type ComposeFile } from './compose.js';
import { authComposeFile, composeFile, envExampleFile, repositoryRoot, withAuthFiles } from './paths.js';

/**
 * Validates the compose files with the real Compose: Debian's docker-compose 1.29.2 (v1), which CI installs
 * (apt-get install --no-install-recommends docker-compose). No Docker engine is needed for `config`.
 * What passes here uses only what v1 and v2 share: several -f files and COMPOSE_FILE, no `include:`.
 */
const scratch = mkdtempSync(join(tmpdir(), 'astron-compose-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const deployFolder = dirname(composeFile);

function compose(files: string[], envFile: string, cwd = repositoryRoot) {
  // Only PATH and HOME from our environment: a variable exported in the shell would hide a missing one.
  const args = [...files.flatMap((file) => ['-f', file]), '--env-file', envFile, 'config'];
  const result = spawnSync('docker-compose', args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error !== undefined) {
    throw new Error(
      `docker-compose could not run (${result.error.message}); install it with ` +
        '`apt-get install -y --no-install-recommends docker-compose`',
    );
  }
  return result;
}

function accepted(result: ReturnType<typeof compose>): ComposeFile {
  expect(result.stderr + result.stdout, 'docker-compose config output').not.toMatch(/^ERROR/m);
  expect(result.status, result.stderr).toBe(0);
  return load(result.stdout, { schema: YAML11_SCHEMA }) as ComposeFile;
}

/** .env.example with the Casdoor client settings an operator adds, and `extra` lines, as a file. */
function envFileWithCasdoor(name: string, extra: string[] = []): string {
  const lines = readFileSync(envExampleFile, 'utf8')
    .split('\n')
    .map((line) => line.replace(/^CONSOLE_CASDOOR_URL=.*/, 'CONSOLE_CASDOOR_URL=http://192.0.2.10:8000'))
    .map((line) => line.replace(/^CONSOLE_CASDOOR_ID=.*/, 'CONSOLE_CASDOOR_ID=client-id'))
    .map((line) => line.replace(/^CONSOLE_CASDOOR_SECRET=.*/, 'CONSOLE_CASDOOR_SECRET=client-secret'));
  const path = join(scratch, name);
  writeFileSync(path, [...lines, ...extra].join('\n'));
  return path;
}

describe('docker-compose config', () => {
  it('accepts docker-compose.yaml with .env.example, and resolves it as our reading does', () => {
    const resolved = accepted(compose([composeFile], envExampleFile));
    const ours = loadCompose(composeFile, readEnvFile(envExampleFile));
    expect(Object.keys(resolved.services).sort()).toEqual(Object.keys(ours.services).sort());
    for (const [name, service] of Object.entries(ours.services)) {
      const theirs = resolved.services[name];
      expect(theirs?.environment, name).toEqual(service.environment);
      expect(theirs?.image, name).toEqual(service.image);
    }
  });

  it('refuses to run without an env file, naming a missing secret', () => {
    const empty = join(scratch, 'empty.env');
    writeFileSync(empty, '');
    const result = compose([composeFile], empty);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/(PASSWORD|ASTRON_[A-Z_]+) is required/);
  });

  it('accepts docker-compose-auth.yml alone once CONSOLE_CASDOOR_URL is set, and refuses it before', () => {
    const envFile = envFileWithCasdoor('auth.env');
    const resolved = accepted(compose([authComposeFile], envFile));
    const ours = loadCompose(authComposeFile, readEnvFile(envFile));
    expect(Object.keys(resolved.services).sort()).toEqual(['casdoor', 'casdoor-mysql']);
    for (const [name, service] of Object.entries(ours.services)) {
      expect(resolved.services[name]?.environment, name).toEqual(service.environment);
      expect(resolved.services[name]?.image, name).toEqual(service.image);
    }

    const before = compose([authComposeFile], envExampleFile);
    expect(before.status).not.toBe(0);
    expect(before.stderr).toMatch(/CONSOLE_CASDOOR_URL is required/);
  });

  it('merges the three files of the Casdoor deployment: the hub and the console wired to Casdoor', () => {
    const envFile = envFileWithCasdoor('with-auth.env');
    const resolved = accepted(compose(withAuthFiles, envFile));
    const base = loadCompose(composeFile, readEnvFile(envFile));
    expect(Object.keys(resolved.services).sort()).toEqual(
      [...Object.keys(base.services), 'casdoor', 'casdoor-mysql'].sort(),
    );
    const hub = resolved.services['console-hub'];
    expect(hub?.environment).toEqual({
      ...base.services['console-hub']?.environment,
      CONSOLE_CASDOOR_URL: 'http://192.0.2.10:8000',
      CONSOLE_CASDOOR_ID: 'client-id',
      CONSOLE_CASDOOR_SECRET: 'client-secret',
    });
    expect(Object.keys(hub?.depends_on ?? {}).sort()).toEqual(
      [...Object.keys(base.services['console-hub']?.depends_on ?? {}), 'casdoor'].sort(),
    );
    expect(resolved.services['console-frontend']?.environment).toMatchObject({
      CONSOLE_CASDOOR_URL: 'http://192.0.2.10:8000',
      CONSOLE_CASDOOR_ID: 'client-id',
    });
    expect(resolved.services['console-frontend']?.environment).not.toHaveProperty('CONSOLE_CASDOOR_SECRET');
  });

  it('takes the three files from COMPOSE_FILE in .env, run from deploy/docker, as README.md says', () => {
    const line = readFileSync(envExampleFile, 'utf8')
      .split('\n')
      .find((text) => text.startsWith('# COMPOSE_FILE='));
    expect(line, 'the COMPOSE_FILE line of .env.example').toBeDefined();
    const envFile = envFileWithCasdoor('compose-file.env', [(line ?? '').replace(/^# /, '')]);
    const fromVariable = accepted(compose([], envFile, deployFolder));
    const fromFlags = accepted(compose(withAuthFiles, envFile));
    expect(Object.keys(fromVariable.services).sort()).toEqual(Object.keys(fromFlags.services).sort());
    expect(fromVariable.services['console-hub']?.environment).toEqual(
      fromFlags.services['console-hub']?.environment,
    );
  });

  it('refuses the Casdoor deployment until the Casdoor client settings are in .env', () => {
    const result = compose(withAuthFiles, envExampleFile);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/CONSOLE_CASDOOR_(URL|ID|SECRET) is required/);
  });
});
