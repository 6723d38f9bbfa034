// npm run bench: runs every benchmark listed here in its own process; each writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';

const benchmarks = ['startup.mjs', 'tenant-verify.mjs', 'chat-gateway.mjs', 'workflow-runs.mjs', 'knowledge-parse.mjs', 'knowledge-retrieval.mjs'];
const only = process.argv.slice(2);
let failed = 0;
for (const file of benchmarks.filter((name) => only.length === 0 || only.some((wanted) => name.startsWith(wanted)))) {
  process.stdout.write(`\n▶ ${file}\n`);
  const run = spawnSync(process.execPath, [new URL(file, import.meta.url).pathname], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
