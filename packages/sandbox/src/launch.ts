import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxUnavailable } from './errors.js';
import type { SandboxLanguage } from './types.js';

export interface WorkerLaunch {
  script: string;
  execArgv: string[];
  cwd: string;
}

const ENGINE_PACKAGES: Record<SandboxLanguage, string> = { python: 'pyodide', javascript: 'quickjs-emscripten' };

/**
 * V8 heap of a worker. User data lives in WebAssembly memory, limited separately (memoryLimitMb);
 * this only has to hold the engine's JavaScript side (Pyodide keeps more, and old interpreters
 * wait for collection after a reset).
 */
const V8_HEAP_MB: Record<SandboxLanguage, number> = { python: 256, javascript: 96 };

/**
 * QuickJS recursion runs on the V8 stack; with Node's default (~1 MB) V8 overflows before QuickJS's
 * own 1 MiB limit can throw a catchable error. 3 MB stays well inside Linux's 8 MB main-thread stack.
 */
const V8_STACK_KB: Record<SandboxLanguage, number | null> = { python: null, javascript: 3000 };

/**
 * The compiled workers sit in dist/worker whether this module runs from src (tests, through the
 * "astron-source" condition) or from dist: both are one level below the package root.
 */
function packageRoot(): string {
  return realpathSync(fileURLToPath(new URL('..', import.meta.url)));
}

/** Node's lookup: node_modules/<name> in `from` and each of its parents. */
function findPackage(name: string, from: string): string | null {
  for (let directory = from; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (path.dirname(directory) === directory) return null;
  }
}

/** A package and, recursively, the packages it depends on: every directory the engine may read. */
function packageClosure(name: string, from: string, found = new Set<string>()): Set<string> {
  const directory = findPackage(name, from);
  if (directory === null || found.has(directory)) return found;
  found.add(directory);
  const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) packageClosure(dependency, directory, found);
  return found;
}

/**
 * How a worker starts: Node's permission model with reads limited to the worker's own compiled
 * files and its engine's packages; no writes, child processes, worker threads or addons (nothing
 * grants them); no eval or new Function; frozen built-in prototypes; an empty environment is set
 * by the caller.
 */
export function workerLaunch(language: SandboxLanguage): WorkerLaunch {
  const root = packageRoot();
  const dist = path.join(root, 'dist');
  const script = path.join(dist, 'worker', `${language}-worker.js`);
  if (!existsSync(script)) {
    throw sandboxUnavailable(`the ${language} sandbox worker is not built (${script} is missing); run "npx tsc -b packages/sandbox"`);
  }
  const readable = [`${dist}${path.sep}`, path.join(root, 'package.json')];
  for (const directory of packageClosure(ENGINE_PACKAGES[language], root)) readable.push(`${directory}${path.sep}`);
  return {
    script,
    cwd: dist,
    execArgv: [
      '--experimental-permission',
      ...readable.map((entry) => `--allow-fs-read=${entry}`),
      `--max-old-space-size=${V8_HEAP_MB[language]}`,
      ...(V8_STACK_KB[language] === null ? [] : [`--stack-size=${V8_STACK_KB[language]}`]),
      '--disallow-code-generation-from-strings',
      '--frozen-intrinsics',
      '--no-addons',
      '--disable-warning=ExperimentalWarning',
    ],
  };
}
