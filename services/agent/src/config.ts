import {
  databaseEnvShape,
  envInt,
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
import { z } from 'zod';

export const AGENT_PORT = 17870;

export interface AgentLimits {
  /** One model call, first byte to last (AGENT_LLM_TIMEOUT_MS). */
  llmTimeoutMs: number;
  /** The longest any tool call may take; a tool's own timeout may be shorter (AGENT_TOOL_TIMEOUT_MS). */
  toolTimeoutMs: number;
  /** Longer tool results are cut before the model sees them (AGENT_TOOL_RESULT_MAX_CHARS). */
  toolResultMaxChars: number;
  /** The ceiling of a definition's maxSteps (AGENT_MAX_STEPS). */
  maxSteps: number;
  /** How long a run may wait for another service to describe its tools before it is refused (AGENT_TOOL_DESCRIBE_TIMEOUT_MS). */
  toolDescribeTimeoutMs: number;
}

export interface AgentConfig {
  service: ServiceSettings;
  database: DatabaseConfig;
  /** Accepted for the original's compose files; the agent keeps no shared state outside its database. */
  redis: RedisSettings | null;
  secrets: SecretEnv;
  limits: AgentLimits;
  /** Where the hub answers model-endpoint look-ups for stored bot configs (HUB_URL). */
  hubUrl: string;
  /** Where workflow tools run (WORKFLOW_URL). */
  workflowUrl: string;
  /** Where knowledge tools retrieve (KNOWLEDGE_URL, the knowledge service); read at each call. */
  knowledgeUrl: string;
  /** Where OpenAPI and MCP tools are described and run (LINK_URL); read at each call. */
  linkUrl: string;
  /** Where database tools run their SQL (MEMORY_URL); read at each call. */
  memoryUrl: string;
  /** Where AI tools (images, speech, translation ...) run (AITOOLS_URL); read at each call. */
  aitoolsUrl: string;
  /** Where RPA robots run (RPA_URL, the rpa service); read at each call. */
  rpaUrl: string;
}

const shape = {
  ...serviceEnvShape(AGENT_PORT),
  ...databaseEnvShape,
  ...mysqlEnvShape,
  ...redisEnvShape,
  AGENT_LLM_TIMEOUT_MS: envInt(120_000, 1_000, 3_600_000),
  AGENT_TOOL_TIMEOUT_MS: envInt(30_000, 10, 600_000),
  AGENT_TOOL_RESULT_MAX_CHARS: envInt(16_000, 256, 1_000_000),
  AGENT_MAX_STEPS: envInt(10, 1, 100),
  AGENT_TOOL_DESCRIBE_TIMEOUT_MS: envInt(10_000, 100, 120_000),
  HUB_URL: envUrl(),
  WORKFLOW_URL: envUrl(),
  KNOWLEDGE_URL: envUrl(),
  LINK_URL: envUrl(),
  MEMORY_URL: envUrl(),
  AITOOLS_URL: envUrl(),
  RPA_URL: envUrl(),
};

const schema: z.ZodType<AgentConfig> = z
  .object(shape)
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('agent', env);
    const { database, redis } = mysqlFamilyStores(env, context, service);
    return {
      service,
      database,
      redis,
      secrets: secretEnv(env),
      limits: {
        llmTimeoutMs: env.AGENT_LLM_TIMEOUT_MS,
        toolTimeoutMs: env.AGENT_TOOL_TIMEOUT_MS,
        toolResultMaxChars: env.AGENT_TOOL_RESULT_MAX_CHARS,
        maxSteps: env.AGENT_MAX_STEPS,
        toolDescribeTimeoutMs: env.AGENT_TOOL_DESCRIBE_TIMEOUT_MS,
      },
      hubUrl: env.HUB_URL ?? 'http://127.0.0.1:8080',
      workflowUrl: env.WORKFLOW_URL ?? 'http://127.0.0.1:7880',
      knowledgeUrl: env.KNOWLEDGE_URL ?? 'http://127.0.0.1:20010',
      linkUrl: env.LINK_URL ?? 'http://127.0.0.1:18888',
      memoryUrl: env.MEMORY_URL ?? 'http://127.0.0.1:7990',
      aitoolsUrl: env.AITOOLS_URL ?? 'http://127.0.0.1:18668',
      rpaUrl: env.RPA_URL ?? 'http://127.0.0.1:8003',
    };
  });

export function loadConfig(env: Env): AgentConfig {
  return parseEnv('agent', schema, env);
}
