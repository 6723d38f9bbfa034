import type { z } from 'zod';
import { envBool, envInt, envList, envPort, envString } from './fields.js';

/** REDIS_ADDR / REDIS_PASSWORD / REDIS_IS_CLUSTER / REDIS_CLUSTER_ADDR as the original's core services, REDIS_HOST / REDIS_PORT as its hub. */
export const redisEnvShape = {
  REDIS_ADDR: envString(),
  REDIS_HOST: envString(),
  REDIS_PORT: envPort(6379),
  REDIS_PASSWORD: envString(),
  REDIS_DB: envInt(0, 0, 15),
  REDIS_IS_CLUSTER: envBool(false),
  REDIS_CLUSTER_ADDR: envList(),
};

export type RedisEnv = z.output<z.ZodObject<typeof redisEnvShape>>;

export interface RedisSettings {
  host: string;
  port: number;
  password?: string;
  db?: number;
  cluster?: { nodes: { host: string; port: number }[] };
}

function hostPort(value: string): { host: string; port: number } | null {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(value.trim());
  if (match === null || match[1] === undefined) return null;
  return { host: match[1], port: Number(match[2] ?? 6379) };
}

/** Redis from the environment; null when none is configured (in-process cache, pub/sub and queue). */
export function redisFromEnv(env: RedisEnv): RedisSettings | null | string {
  const password = env.REDIS_PASSWORD;
  if (env.REDIS_IS_CLUSTER) {
    const nodes = env.REDIS_CLUSTER_ADDR.map(hostPort);
    if (nodes.length === 0 || nodes.some((node) => node === null)) return 'expected REDIS_CLUSTER_ADDR as host:port,host:port';
    const valid = nodes as { host: string; port: number }[];
    const first = valid[0] as { host: string; port: number };
    return { ...first, password, cluster: { nodes: valid } };
  }
  const address = env.REDIS_ADDR ?? (env.REDIS_HOST === undefined ? undefined : `${env.REDIS_HOST}:${env.REDIS_PORT}`);
  if (address === undefined) return null;
  const endpoint = hostPort(address);
  if (endpoint === null) return 'expected REDIS_ADDR as host:port';
  return { ...endpoint, password, db: env.REDIS_DB };
}
