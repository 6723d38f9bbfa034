import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerLaunch } from './launch.js';
import { SANDBOX_LANGUAGES } from './types.js';

/**
 * The process layers, tested as if user code had already escaped its engine into the worker's
 * JavaScript: the probe runs with the exact flags a worker gets, after the worker's lockdown module.
 */
function probe(lockdown: string): string {
  return `
await import(${JSON.stringify(lockdown)});
const fs = await import('node:fs');
const childProcess = await import('node:child_process');
const net = await import('node:net');
const { lookup } = await import('node:dns');
const { Worker } = await import('node:worker_threads');
const inspector = await import('node:inspector');
const attempt = (action) => {
  try {
    return 'allowed: ' + String(action()).slice(0, 40);
  } catch (error) {
    return (error.code ?? error.name) + ': ' + error.message.split('\\n')[0];
  }
};
console.log(JSON.stringify({
  readHostFile: attempt(() => fs.readFileSync('/etc/passwd', 'utf8')),
  writeFile: attempt(() => fs.writeFileSync('/tmp/sandbox-layers-probe', 'x')),
  spawn: attempt(() => childProcess.execFileSync('id')),
  worker: attempt(() => new Worker('1', { eval: true })),
  inspector: attempt(() => inspector.open(0)),
  connect: attempt(() => net.connect(80, '127.0.0.1')),
  listen: attempt(() => net.createServer().listen(0)),
  dns: attempt(() => lookup('localhost', () => undefined)),
  kill: attempt(() => process.kill(process.ppid, 0)),
  binding: attempt(() => process.binding('fs')),
  evaluate: attempt(() => eval('1 + 1')),
  newFunction: attempt(() => new Function('return 1')()),
  pollute: attempt(() => { Object.prototype.polluted = 1; }),
  fetch: typeof fetch,
  environment: Object.keys(process.env),
}));
`;
}

describe.each(SANDBOX_LANGUAGES)('the %s worker process, if user code reached its JavaScript', (language) => {
  it('can read no host file, write nothing, start nothing, reach no network and compile no code', () => {
    process.env.SANDBOX_LAYERS_TEST_SECRET = 'host-only';
    const launch = workerLaunch(language);
    const lockdown = path.join(launch.cwd, 'worker', 'lockdown.js');
    const run = spawnSync(process.execPath, [...launch.execArgv, '--input-type=module', '-e', probe(lockdown)], { cwd: launch.cwd, env: {}, encoding: 'utf8' });
    delete process.env.SANDBOX_LAYERS_TEST_SECRET;
    expect(run.stderr).toBe('');
    const denied = 'ERR_ACCESS_DENIED: Access to this API has been restricted';
    expect(JSON.parse(run.stdout)).toEqual({
      readHostFile: denied,
      writeFile: denied,
      spawn: denied,
      worker: denied,
      inspector: denied,
      connect: 'Error: network access is not available in the sandbox',
      listen: 'Error: network access is not available in the sandbox',
      dns: 'Error: DNS is not available in the sandbox',
      kill: 'Error: process control is not available in the sandbox',
      binding: 'Error: process.binding is not available in the sandbox',
      evaluate: 'EvalError: Code generation from strings disallowed for this context',
      newFunction: 'EvalError: Code generation from strings disallowed for this context',
      pollute: 'TypeError: Cannot add property polluted, object is not extensible',
      fetch: 'undefined',
      environment: [],
    });
  });

  it('starts with the permission model and reads only its own files and its engine', () => {
    const launch = workerLaunch(language);
    expect(launch.execArgv).toContain('--experimental-permission');
    expect(launch.execArgv.some((flag) => /^--allow-(fs-write|child-process|worker|addons)/.test(flag))).toBe(false);
    const readable = launch.execArgv.filter((flag) => flag.startsWith('--allow-fs-read=')).map((flag) => flag.slice('--allow-fs-read='.length));
    expect(readable.every((entry) => entry.includes(`${path.sep}packages${path.sep}sandbox${path.sep}`) || entry.includes(`${path.sep}node_modules${path.sep}`))).toBe(true);
    expect(readable).toContain(path.join(launch.cwd, path.sep));
    expect(launch.execArgv).toEqual(expect.arrayContaining(['--disallow-code-generation-from-strings', '--frozen-intrinsics', '--no-addons']));
    expect(launch.execArgv.some((flag) => flag.startsWith('--max-old-space-size='))).toBe(true);
  });
});
