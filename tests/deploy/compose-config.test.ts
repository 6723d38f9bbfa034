import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCompose, readEnvFile, type ComposeFile } from './compose.js';
import { composeFile, envExampleFile, repositoryRoot } from './paths.js';

/**
 * Validates the compose file with the real Compose: Debian's docker-compose 1.29.2 (v1), which CI installs
 * (apt-get install --no-install-recommends docker-compose). No Docker engine is needed for `config`.
 */
const scratch = mkdtempSync(join(tmpdir(), 'astron-compose-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function compose(envFile: string) {
  // Only PATH and HOME from our environment: a variable exported in the shell would hide a missing one.
  const result = spawnSync('docker-compose', ['-f', composeFile, '--env-file', envFile, 'config'], {
    cwd: repositoryRoot,
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

describe('docker-compose config', () => {
  it('accepts the file with .env.example, and resolves it as our reading does', () => {
    const result = compose(envExampleFile);
    expect(result.stderr + result.stdout, 'docker-compose config output').not.toMatch(/^ERROR/m);
    expect(result.status, result.stderr).toBe(0);

    const resolved = load(result.stdout, { schema: YAML11_SCHEMA }) as ComposeFile;
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
    const result = compose(empty);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/(PASSWORD|ASTRON_[A-Z_]+) is required/);
  });
});
