// npm test: typecheck, lint, then every vitest suite against the real servers; ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const outputDir = 'test-output';
mkdirSync(outputDir, { recursive: true });
const results = [];

function step(name, command, args) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${name}: ${command} ${args.join(' ')}\n`);
  const run = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  process.stdout.write(`${ok ? '✓' : '✗'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return ok;
}

const built = step('typecheck and build', 'npx', ['tsc', '-b']) && step('typecheck tests/', 'npx', ['tsc', '-p', 'tests/deploy']) && step('typecheck tests/e2e', 'npx', ['tsc', '-p', 'tests/e2e']);
step('typecheck console', 'npx', ['tsc', '-p', 'apps/console', '--noEmit']);
// The nginx and browser tests serve the built console.
step('build console', 'npm', ['run', 'build', '--silent', '-w', '@astron/console']);
step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
const report = `${outputDir}/vitest.json`;
step('tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);

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
