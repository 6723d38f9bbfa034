import { ConfigError } from '@astron/kit/config';
import { loadConfig, startWorkflowWorker } from '@astron/workflow';
import { baseEnvironment, isEmbedded } from '../environment.js';

/**
 * `astron worker`: executes queued workflow runs, with no API. Queue mode only: runs are jobs on Redis, so any
 * number of workers on any machines share them, and a run whose worker dies continues on another.
 */
export async function startWorker(options: { config?: string }, print: (line: string) => void) {
  const env = baseEnvironment(options);
  if (isEmbedded(env)) {
    throw new ConfigError('workflow', [{ variable: 'ASTRON_MODE', problem: 'astron worker takes runs from Redis: set ASTRON_MODE=distributed with REDIS_ADDR and the workflow database (MYSQL_* or DATABASE_URL)' }]);
  }
  const worker = await startWorkflowWorker(loadConfig(env));
  print(`astron worker: taking workflow runs as ${worker.owner}`);
  return worker;
}
