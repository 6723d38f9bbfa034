import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtServices, readComposeRaw } from './compose.js';
import { copyParts, execForm, parseDockerfile, type Stage } from './dockerfile.js';
import { composeFile, consoleDockerfile, consoleEntrypoint } from './paths.js';

/**
 * The console image (apps/console/Dockerfile), checked without a Docker engine: a Node build stage
 * with cached dependencies, an nginx runtime that runs unprivileged, and agreement with its compose
 * entry (console-frontend) and with the defaults of docker-entrypoint.sh.
 */
const dockerfile = parseDockerfile(readFileSync(consoleDockerfile, 'utf8'));
const runtime = dockerfile.stages.at(-1) as Stage;
const entrypointText = readFileSync(consoleEntrypoint, 'utf8');
const [, frontend] =
  builtServices(readComposeRaw(composeFile)).find(([name]) => name === 'console-frontend') ?? [];

function globalArg(name: string): string | undefined {
  return dockerfile.globalArgs.find((item) => item.args.startsWith(`${name}=`))?.args.slice(name.length + 1);
}

/** The default the entry point gives a variable: VAR="${VAR:-default}". */
function entrypointDefault(variable: string): string | undefined {
  return new RegExp(`^${variable}="\\$\\{${variable}:-([^}]*)\\}"$`, 'm').exec(entrypointText)?.[1];
}

function runtimeInstructions(keyword: string) {
  return runtime.instructions.filter((item) => item.keyword === keyword);
}

describe('apps/console/Dockerfile', () => {
  it('builds with Node 20 and serves with a pinned nginx, classic-builder syntax only', () => {
    expect(globalArg('NODE_IMAGE')).toBe('node:20-bookworm-slim');
    expect(globalArg('NGINX_IMAGE')).toMatch(/^nginx:1\.\d+(\.\d+)?-alpine$/);
    expect(runtime.base).toBe('${NGINX_IMAGE}');
    for (const stage of dockerfile.stages.slice(0, -1)) {
      expect(['${NODE_IMAGE}', ...dockerfile.stages.map((item) => item.name)]).toContain(stage.base);
    }
    for (const item of dockerfile.all)
      expect(item.args, `line ${item.line}`).not.toMatch(/--mount|--parents|--link|--chmod|<</);
  });

  it('installs from the manifests alone, then builds the console workspace from its sources', () => {
    const install = dockerfile.all.findIndex(
      (item) => item.keyword === 'RUN' && /\bnpm ci\b/.test(item.args),
    );
    expect(dockerfile.all[install]?.args).toMatch(/--workspace=@astron\/console/);
    const copies = dockerfile.all
      .map((item, index) => ({ ...item, index }))
      .filter((item) => item.keyword === 'COPY');
    for (const copy of copies.filter((item) => item.index < install)) {
      for (const source of copyParts(copy.args).sources)
        expect(source, `line ${copy.line}`).toMatch(/(^|\/)package(-lock)?\.json$/);
    }
    const sources = copies
      .filter((item) => item.index > install)
      .flatMap((item) => copyParts(item.args).sources);
    expect(sources).toEqual(
      expect.arrayContaining(['apps/console/src', 'apps/console/public', 'apps/console/index.html']),
    );
    expect(
      dockerfile.all.some(
        (item) => item.keyword === 'RUN' && /npm run build --workspace=@astron\/console/.test(item.args),
      ),
    ).toBe(true);
  });

  it('runs nginx unprivileged through the entry point, with the template and console where it looks', () => {
    expect(runtimeInstructions('USER').at(-1)?.args).toMatch(/^(?!root$|0$)\S+$/);
    const copies = runtimeInstructions('COPY').map((item) => copyParts(item.args));
    const destinationOf = (source: string) =>
      copies.find((copy) => copy.sources.includes(source))?.destination;
    const entrypoint = execForm(runtimeInstructions('ENTRYPOINT').at(-1)?.args ?? '');
    expect(entrypoint).toEqual([destinationOf('apps/console/docker-entrypoint.sh')]);
    expect(destinationOf('apps/console/nginx.conf')).toBe(entrypointDefault('NGINX_TEMPLATE'));
    expect(destinationOf('/app/apps/console/dist')).toBe(entrypointDefault('CONSOLE_ROOT'));
    expect(copies.find((copy) => copy.sources.includes('/app/apps/console/dist'))?.from).toBe('build');
    expect(runtimeInstructions('STOPSIGNAL').at(-1)?.args).toBe('SIGQUIT');
  });

  it('is the build of console-frontend, with its port and health check', () => {
    expect(frontend?.build?.dockerfile).toBe('apps/console/Dockerfile');
    const port = entrypointDefault('CONSOLE_PORT');
    expect(runtimeInstructions('EXPOSE').map((item) => item.args)).toEqual([port]);
    expect(frontend?.ports?.map((mapping) => mapping.split(':').at(-1))).toEqual([port]);
    const healthcheck = execForm(runtimeInstructions('HEALTHCHECK').at(-1)?.args ?? '');
    expect(['CMD', ...(healthcheck ?? [])]).toEqual(frontend?.healthcheck?.test);
    expect(frontend?.healthcheck?.test.at(-1)).toBe(`http://127.0.0.1:${port}/nginx-health`);
  });
});
