// npm test: typecheck, lint, then every vitest suite against the real servers; ends with "N passed, N failed".
// The checks before the tests are single-threaded, so they run in two lanes side by side (the machine has two cores);
// each step's output is printed whole when it ends.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const outputDir = 'test-output';
mkdirSync(outputDir, { recursive: true });
const results = [];

function record(name, ok, started) {
  const seconds = (Date.now() - started) / 1000;
  results.push({ name, ok, seconds });
  return `${ok ? '✓' : '✗'} ${name} (${seconds.toFixed(1)} s)\n`;
}

/** Runs one check with its output captured; resolves to whether it passed. */
function check(name, command, args, env = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const ok = code === 0;
      process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n${Buffer.concat(output).toString()}${record(name, ok, started)}`);
      resolve(ok);
    });
  });
}

async function lane(...steps) {
  let ok = true;
  for (const [name, command, args, needsPrevious, env] of steps) {
    if (needsPrevious && !ok) {
      results.push({ name, ok: false, seconds: 0 });
      process.stdout.write(`\n✗ ${name} skipped: an earlier step of its lane failed\n`);
      continue;
    }
    ok = (await check(name, command, args, env)) && ok;
  }
  return ok;
}

const [built] = await Promise.all([
  lane(
    ['typecheck and build', 'npx', ['tsc', '-b']],
    ['typecheck tests/deploy', 'npx', ['tsc', '-p', 'tests/deploy'], true],
    ['typecheck tests/e2e', 'npx', ['tsc', '-p', 'tests/e2e'], true],
    ['typecheck tests/integration', 'npx', ['tsc', '-p', 'tests/integration'], true],
    ['typecheck console', 'npx', ['tsc', '-p', 'apps/console', '--noEmit']],
    // The nginx and browser tests serve the built console.
    ['build console', 'npm', ['run', 'build', '--silent', '-w', '@astron/console']],
  ),
  // Type-aware lint holds a program per tsconfig (every service, tests/ too): more than node's default heap.
  lane(['lint', 'npm', ['run', 'lint', '--silent'], false]),
]);

const report = `${outputDir}/vitest.json`;
const started = Date.now();
process.stdout.write('\n▶ tests: npx vitest run\n');
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit', env: process.env });
process.stdout.write(record('tests', run.status === 0, started));

let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  // A file that fails to load has no tests of its own to fail; count it once.
  const brokenFiles = (json.testResults ?? []).filter((file) => file.status === 'failed' && file.assertionResults.length === 0);
  failed = (json.numFailedTests ?? 0) + brokenFiles.length;
  if (json.success === false && failed === 0) failed = 1;
}
// A failed typecheck or lint counts as a failed test: CI must not land it.
for (const result of results) if (!result.ok && result.name !== 'tests') failed += 1;
if (!built) process.stdout.write('(tests ran against stale builds: fix the typecheck first)\n');

process.stdout.write(`\n${results.map((result) => `${result.ok ? '✓' : '✗'} ${result.name} ${result.seconds.toFixed(1)} s`).join('\n')}\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && results.every((result) => result.ok) ? 0 : 1);
