import {
  databaseEnvShape,
  envBool,
  envInt,
  envString,
  envUrl,
  mysqlEnvShape,
  mysqlFamilyStores,
  parseEnv,
  redisEnvShape,
  requireDistributedSecrets,
  secretEnv,
  serviceEnvShape,
  serviceSettings,
  type Env,
  type RedisSettings,
  type SecretEnv,
  type ServiceSettings,
} from '@astron/kit/config';
import type { DatabaseConfig } from '@astron/kit/db';
import { sandboxEnvShape, sandboxOptionsFromEnv, type SandboxPoolOptions } from '@astron/sandbox';
import { z } from 'zod';

export const WORKFLOW_PORT = 7880;

export interface WorkflowLimits {
  /** How long an executor's hold on a run lasts without a heartbeat (WORKFLOW_LEASE_MS). */
  leaseMs: number;
  /** Runs one worker process executes at the same time (WORKFLOW_WORKER_CONCURRENCY). */
  workerConcurrency: number;
  /** Nodes of one run that execute at the same time (WORKFLOW_NODE_CONCURRENCY). */
  nodeConcurrency: number;
  /** How deep flow nodes may nest workflows (WORKFLOW_MAX_FLOW_DEPTH); a workflow that calls itself stops there. */
  maxFlowDepth: number;
  /** A whole run, queued to finished, not counting pauses (WORKFLOW_RUN_TIMEOUT_MS). */
  runTimeoutMs: number;
  /** False for API-only instances: runs are then executed by `astron worker` processes (WORKFLOW_EXECUTE). */
  execute: boolean;
  /** One model call of an LLM node, first byte to last (WORKFLOW_LLM_TIMEOUT_MS). */
  llmTimeoutMs: number;
  /** Redis key prefix of the run queue and event channels; deployments sharing a Redis need different ones (WORKFLOW_QUEUE_PREFIX). */
  queuePrefix: string;
}

export interface WorkflowConfig {
  service: ServiceSettings;
  database: DatabaseConfig;
  /** Distributed mode: runs are BullMQ jobs and events travel over Redis pub/sub. */
  redis: RedisSettings | null;
  secrets: SecretEnv;
  limits: WorkflowLimits;
  /** Where the hub resolves model references of LLM nodes (HUB_URL). */
  hubUrl: string;
  /** Where agent nodes run their agents (AGENT_URL, the agent service); read at each call. */
  agentUrl: string;
  /** Where knowledge-base nodes retrieve (KNOWLEDGE_URL, the knowledge service); read at each call. */
  knowledgeUrl: string;
  /** Where plugin nodes run their tools (LINK_URL, the link service); read at each call. */
  linkUrl: string;
  /** Where database nodes run their SQL (MEMORY_URL, the memory service); read at each call. */
  memoryUrl: string;
  /** Code nodes' sandbox (SANDBOX_POOL_SIZE, SANDBOX_MEMORY_LIMIT_MB, SANDBOX_QUEUE_LIMIT, CODE_EXEC_TIMEOUT_SEC). */
  sandbox: SandboxPoolOptions;
}

const shape = {
  ...serviceEnvShape(WORKFLOW_PORT),
  ...databaseEnvShape,
  ...mysqlEnvShape,
  ...redisEnvShape,
  ...sandboxEnvShape,
  WORKFLOW_LEASE_MS: envInt(30_000, 1_000, 600_000),
  WORKFLOW_WORKER_CONCURRENCY: envInt(8, 1, 1_000),
  WORKFLOW_NODE_CONCURRENCY: envInt(8, 1, 256),
  WORKFLOW_MAX_FLOW_DEPTH: envInt(5, 1, 20),
  WORKFLOW_RUN_TIMEOUT_MS: envInt(30 * 60_000, 1_000, 24 * 3_600_000),
  WORKFLOW_EXECUTE: envBool(true),
  WORKFLOW_LLM_TIMEOUT_MS: envInt(120_000, 1_000, 3_600_000),
  WORKFLOW_QUEUE_PREFIX: envString(),
  HUB_URL: envUrl(),
  AGENT_URL: envUrl(),
  KNOWLEDGE_URL: envUrl(),
  LINK_URL: envUrl(),
  MEMORY_URL: envUrl(),
};

const schema: z.ZodType<WorkflowConfig> = z
  .object(shape)
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('workflow', env);
    const { database, redis } = mysqlFamilyStores(env, context, service);
    if (service.mode === 'distributed' && redis === null) {
      context.addIssue({ code: 'custom', path: ['REDIS_ADDR'], message: 'distributed mode runs workflows as jobs on Redis: set REDIS_ADDR (host:port)' });
    }
    return {
      service,
      database,
      redis,
      secrets: secretEnv(env),
      limits: {
        leaseMs: env.WORKFLOW_LEASE_MS,
        workerConcurrency: env.WORKFLOW_WORKER_CONCURRENCY,
        nodeConcurrency: env.WORKFLOW_NODE_CONCURRENCY,
        maxFlowDepth: env.WORKFLOW_MAX_FLOW_DEPTH,
        runTimeoutMs: env.WORKFLOW_RUN_TIMEOUT_MS,
        execute: env.WORKFLOW_EXECUTE,
        llmTimeoutMs: env.WORKFLOW_LLM_TIMEOUT_MS,
        queuePrefix: env.WORKFLOW_QUEUE_PREFIX ?? 'astron-workflow',
      },
      hubUrl: env.HUB_URL ?? 'http://127.0.0.1:8080',
      agentUrl: env.AGENT_URL ?? 'http://127.0.0.1:17870',
      knowledgeUrl: env.KNOWLEDGE_URL ?? 'http://127.0.0.1:20010',
      linkUrl: env.LINK_URL ?? 'http://127.0.0.1:18888',
      memoryUrl: env.MEMORY_URL ?? 'http://127.0.0.1:7990',
      sandbox: sandboxOptionsFromEnv(env),
    };
  });

export function loadConfig(env: Env): WorkflowConfig {
  return parseEnv('workflow', schema, env);
}
