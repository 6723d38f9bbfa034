import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationServices, interpolate, readComposeRaw } from './compose.js';
import { copyParts, execForm, parseDockerfile, workspaceClosure, type Stage } from './dockerfile.js';
import { composeFile, repositoryRoot, serviceHealthcheck } from './paths.js';

/**
 * The promises every services/<name>/Dockerfile keeps (the template in deploy/docker/README.md), checked
 * without a Docker engine: layer caching, a slim non-root runtime, and agreement with docker-compose.yaml.
 */
const serviceFolders = readdirSync(join(repositoryRoot, 'services'))
  .filter((name) => existsSync(join(repositoryRoot, 'services', name, 'Dockerfile')))
  .map((name) => `services/${name}`);

const composeServices = applicationServices(readComposeRaw(composeFile));

/** Referenced by tsconfig for tests only: needed to compile, never loaded by a running service. */
const buildOnlyWorkspaces = ['packages/testing'];

function isInstall(args: string): boolean {
  return /\bnpm (ci|install|i)\b/.test(args);
}

function defaultPort(raw: string | undefined): string {
  // `${CORE_X_PORT:-5052}` without variables gives the default the image is built for.
  return interpolate(raw ?? '', {});
}

describe.each(serviceFolders)('%s/Dockerfile', (folder) => {
  const dockerfile = parseDockerfile(readFileSync(join(repositoryRoot, folder, 'Dockerfile'), 'utf8'));
  const runtime = dockerfile.stages.at(-1) as Stage;
  const workspaces = workspaceClosure(repositoryRoot, folder);
  const copies = dockerfile.all
    .map((item, index) => ({ ...item, index, ...copyParts(item.args) }))
    .filter((item) => item.keyword === 'COPY');
  const firstInstall = dockerfile.all.findIndex((item) => item.keyword === 'RUN' && isInstall(item.args));
  const entry = composeServices.find(([, service]) => service.build?.dockerfile === `${folder}/Dockerfile`);

  it('is multi-stage on node 20 (bookworm slim), with no BuildKit-only syntax', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(3);
    const baseArg = dockerfile.globalArgs.find((item) => item.args.startsWith('NODE_IMAGE='));
    expect(baseArg?.args).toBe('NODE_IMAGE=node:20-bookworm-slim');
    for (const stage of dockerfile.stages)
      expect(['${NODE_IMAGE}', ...dockerfile.stages.map((s) => s.name)]).toContain(stage.base);
    for (const item of dockerfile.all)
      expect(item.args, `line ${item.line}`).not.toMatch(/--mount|--parents|--link|--chmod|<</);
  });

  it('copies only dependency manifests before installing, then the sources', () => {
    expect(firstInstall, 'a RUN npm ci').toBeGreaterThan(0);
    const before = copies.filter((copy) => copy.index < firstInstall);
    for (const copy of before) {
      for (const source of copy.sources)
        expect(source, `line ${copy.line}`).toMatch(/(^|\/)package(-lock)?\.json$/);
    }
    const manifests = before.flatMap((copy) => copy.sources);
    expect(manifests).toEqual(expect.arrayContaining(['package.json', 'package-lock.json']));
    const after = copies.filter((copy) => copy.index > firstInstall && copy.from === undefined);
    for (const workspace of workspaces) {
      expect(manifests, `manifest of ${workspace}`).toContain(`${workspace}/package.json`);
      expect(
        after.flatMap((copy) => copy.sources),
        `sources of ${workspace}`,
      ).toContain(`${workspace}/src`);
    }
  });

  it('runs as a non-root user from /app, with production dependencies and compiled code only', () => {
    const keywords = (keyword: string) => runtime.instructions.filter((item) => item.keyword === keyword);
    expect(keywords('USER').at(-1)?.args).toMatch(/^(?!root$|0$)\S+$/);
    expect(keywords('WORKDIR').at(-1)?.args).toBe('/app');
    expect(keywords('ENV').map((item) => item.args)).toContain('NODE_ENV=production');
    expect(runtime.instructions.some((item) => item.keyword === 'RUN' && isInstall(item.args))).toBe(false);
    // The production tree: a stage that pruned devDependencies, taken whole (nested workspace node_modules).
    const production = dockerfile.stages.find((stage) =>
      stage.instructions.some((item) => item.keyword === 'RUN' && /--omit=dev/.test(item.args)),
    );
    const runtimeCopies = keywords('COPY').map((item) => copyParts(item.args));
    expect(runtimeCopies[0], 'first COPY of the runtime').toEqual({
      from: production?.name,
      sources: ['/app'],
      destination: './',
    });
    for (const workspace of workspaces.filter((item) => !buildOnlyWorkspaces.includes(item))) {
      const copied = runtimeCopies.some(
        (copy) => copy.from !== undefined && copy.sources.includes(`/app/${workspace}/dist`),
      );
      expect(copied, `dist of ${workspace}`).toBe(true);
    }
    expect(
      runtimeCopies.some((copy) => copy.from === undefined),
      'nothing from the build context in the runtime stage',
    ).toBe(false);
    expect(execForm(keywords('CMD').at(-1)?.args ?? '')).toEqual(['node', `${folder}/dist/main.js`]);
  });

  it('is the build of one compose service, with the same port and health check', () => {
    expect(entry, `a service in docker-compose.yaml builds ${folder}/Dockerfile`).toBeDefined();
    const [, service] = entry ?? ['', {}];
    const healthcheck = runtime.instructions.find((item) => item.keyword === 'HEALTHCHECK');
    expect(execForm(healthcheck?.args ?? '')).toEqual(serviceHealthcheck.slice(1));
    expect(service.healthcheck?.test).toEqual(serviceHealthcheck);
    const exposed = runtime.instructions
      .filter((item) => item.keyword === 'EXPOSE')
      .map((item) => item.args.replace(/\/tcp$/, ''));
    expect(exposed).toEqual([defaultPort(service.environment?.SERVICE_PORT)]);
  });
});

describe('docker-compose.yaml application services', () => {
  it('are each built from a Dockerfile under services/', () => {
    for (const [name, service] of composeServices) {
      expect(
        serviceFolders.map((folder) => `${folder}/Dockerfile`),
        name,
      ).toContain(service.build?.dockerfile);
    }
  });
});
