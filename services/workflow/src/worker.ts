import { ConfigError } from '@astron/kit/config';
import { runService } from '@astron/kit/service';
import { loadConfig } from './config.js';
import { workflowService } from './index.js';
import { startWorkflowWorker } from './service.js';

/**
 * The compose worker service (core-workflow-worker): executes queued runs, taking them from Redis, and answers its
 * health check on SERVICE_PORT. The same as `astron worker`, for images.
 */
await runService({
  ...workflowService,
  name: 'workflow-worker',
  loadConfig(env) {
    const config = loadConfig(env);
    if (config.redis === null) {
      throw new ConfigError('workflow-worker', [{ variable: 'REDIS_ADDR', problem: 'a worker takes runs from Redis: set REDIS_ADDR (and ASTRON_MODE=distributed)' }]);
    }
    return config;
  },
  start: (config) => startWorkflowWorker(config, { probes: { port: config.service.port, host: config.service.host } }),
});
