import {
  databaseEnvShape,
  databaseFromEnv,
  envInt,
  envUrl,
  parseEnv,
  reportTo,
  requireDistributedSecrets,
  secretEnv,
  serviceEnvShape,
  serviceSettings,
  type Env,
  type SecretEnv,
  type ServiceSettings,
} from '@astron/kit/config';
import type { DatabaseConfig } from '@astron/kit/db';
import { z } from 'zod';

export const RPA_PORT = 8003;

/** The RPA platform's task API (the original's XiaoWu RPA variables). */
export interface RpaPlatformSettings {
  /** POST here creates a task (XIAOWU_RPA_TASK_CREATE_URL). */
  createUrl: string;
  /** GET `<queryUrl>/<executionId>` reads a task (XIAOWU_RPA_TASK_QUERY_URL). */
  queryUrl: string;
  /** POST `<cancelUrl>/<executionId>` stops a task (RPA_TASK_CANCEL_URL, ours); null: tasks are left to run. */
  cancelUrl: string | null;
}

export interface RpaTiming {
  /** A task's whole life, creation included, before it ends with the timeout error (XIAOWU_RPA_TIMEOUT). */
  timeoutMs: number;
  /** SSE keep-alive comments (XIAOWU_RPA_PING_INTERVAL). */
  pingIntervalMs: number;
  /** The first wait before a status query (RPA_TASK_QUERY_FIRST_INTERVAL); each next wait doubles... */
  firstPollIntervalMs: number;
  /** ...up to this (XIAOWU_RPA_TASK_QUERY_INTERVAL, the original's fixed interval). */
  maxPollIntervalMs: number;
  /** One request to the platform (RPA_PLATFORM_REQUEST_TIMEOUT). */
  requestTimeoutMs: number;
  /** Transient platform failures tolerated in a row before the task fails (RPA_PLATFORM_RETRIES). */
  retries: number;
}

export interface RpaConfig {
  service: ServiceSettings;
  /** Where tasks are recorded. */
  database: DatabaseConfig;
  secrets: SecretEnv;
  /** Null while the platform's URLs are unset: the service runs, and running a task answers 503. */
  platform: RpaPlatformSettings | null;
  timing: RpaTiming;
}

/** Seconds as the original's variables give them, fractions allowed (tests poll every few milliseconds); read as ms. */
const envSeconds = (fallback: number, min: number, max: number) => {
  const expected = `expected a number of seconds from ${min} to ${max} (fractions allowed, e.g. 0.5)`;
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce.number({ error: expected }).min(min, expected).max(max, expected).default(fallback).transform((seconds) => Math.round(seconds * 1000)),
  );
};

const shape = {
  ...serviceEnvShape(RPA_PORT),
  ...databaseEnvShape,
  XIAOWU_RPA_TASK_CREATE_URL: envUrl(),
  XIAOWU_RPA_TASK_QUERY_URL: envUrl(),
  RPA_TASK_CANCEL_URL: envUrl(),
  XIAOWU_RPA_TIMEOUT: envSeconds(300, 0.01, 86_400),
  XIAOWU_RPA_PING_INTERVAL: envSeconds(3, 0.01, 3_600),
  XIAOWU_RPA_TASK_QUERY_INTERVAL: envSeconds(10, 0.001, 3_600),
  RPA_TASK_QUERY_FIRST_INTERVAL: envSeconds(1, 0.001, 3_600),
  RPA_PLATFORM_REQUEST_TIMEOUT: envSeconds(30, 0.01, 600),
  RPA_PLATFORM_RETRIES: envInt(3, 0, 20),
};

const schema: z.ZodType<RpaConfig> = z
  .object(shape)
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('rpa', env);
    const database = reportTo(context, 'DATABASE_URL', databaseFromEnv(env, { namespace: 'rpa', dataDir: service.dataDir }));
    if (service.mode === 'distributed' && database?.kind === 'pglite') {
      context.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'distributed mode needs a MySQL or PostgreSQL database' });
    }
    const create = env.XIAOWU_RPA_TASK_CREATE_URL;
    const query = env.XIAOWU_RPA_TASK_QUERY_URL;
    if (create !== undefined && query === undefined) {
      context.addIssue({ code: 'custom', path: ['XIAOWU_RPA_TASK_QUERY_URL'], message: 'XIAOWU_RPA_TASK_CREATE_URL is set, so the task query URL is needed too' });
    }
    if (create === undefined && query !== undefined) {
      context.addIssue({ code: 'custom', path: ['XIAOWU_RPA_TASK_CREATE_URL'], message: 'XIAOWU_RPA_TASK_QUERY_URL is set, so the task create URL is needed too' });
    }
    if (create === undefined && env.RPA_TASK_CANCEL_URL !== undefined) {
      context.addIssue({ code: 'custom', path: ['RPA_TASK_CANCEL_URL'], message: 'a cancel URL needs the platform it belongs to: set XIAOWU_RPA_TASK_CREATE_URL and XIAOWU_RPA_TASK_QUERY_URL' });
    }
    const platform = create !== undefined && query !== undefined ? { createUrl: create, queryUrl: query.replace(/\/+$/, ''), cancelUrl: env.RPA_TASK_CANCEL_URL?.replace(/\/+$/, '') ?? null } : null;
    return {
      service,
      database: database!,
      secrets: secretEnv(env),
      platform,
      timing: {
        timeoutMs: env.XIAOWU_RPA_TIMEOUT,
        pingIntervalMs: env.XIAOWU_RPA_PING_INTERVAL,
        firstPollIntervalMs: Math.min(env.RPA_TASK_QUERY_FIRST_INTERVAL, env.XIAOWU_RPA_TASK_QUERY_INTERVAL),
        maxPollIntervalMs: env.XIAOWU_RPA_TASK_QUERY_INTERVAL,
        requestTimeoutMs: env.RPA_PLATFORM_REQUEST_TIMEOUT,
        retries: env.RPA_PLATFORM_RETRIES,
      },
    };
  });

export function loadConfig(env: Env): RpaConfig {
  return parseEnv('rpa', schema, env);
}
