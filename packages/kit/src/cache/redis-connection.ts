import { Cluster, Redis } from 'ioredis';
import { isAppError, unavailable } from '../errors/index.js';

/** Where Redis is. Built by the config part from REDIS_ADDR, REDIS_PASSWORD, REDIS_IS_CLUSTER, REDIS_CLUSTER_ADDR. */
export interface RedisConnectionConfig {
  host: string;
  port: number;
  password?: string;
  db?: number;
  /** When set, a Redis Cluster client is used and host/port are ignored. */
  cluster?: { nodes: { host: string; port: number }[] };
}

/**
 * What the connection is for, which decides how long commands wait while Redis is away:
 * `commands` fail after a couple of reconnect attempts so callers get an error instead of a hang;
 * `worker` waits forever, as BullMQ requires of the connections its workers block on;
 * `subscriber` behaves like `commands` and resubscribes by itself after a reconnect.
 */
export type RedisRole = 'commands' | 'subscriber' | 'worker';

export interface RedisClientOptions {
  role?: RedisRole;
  connectionName?: string;
  /** How long one connection attempt may take; default 2000 ms. */
  connectTimeoutMs?: number;
  /** Connection errors; ioredis prints them to the console when nobody listens. */
  onError?: (error: Error) => void;
}

export type RedisClient = Redis | Cluster;

const defaultConnectTimeoutMs = 2000;

/** The latest connection error of each client, so a failed command can say why, not just "max retries". */
const lastErrors = new WeakMap<RedisClient, Error>();

/** Reconnect forever, a little slower each time, at most every 2 s, so a service recovers when Redis returns. */
const retryStrategy = (times: number): number => Math.min(times * 100, 2000);

/**
 * The one place the Redis connection options are decided for the cache, pub/sub and queue.
 * Connects lazily (on the first command), so building a client never fails and never blocks.
 */
export function createRedisClient(config: RedisConnectionConfig, options: RedisClientOptions = {}): RedisClient {
  const role = options.role ?? 'commands';
  const common = {
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
    enableReadyCheck: true,
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    password: config.password,
    // Redis refuses client names with spaces or control characters.
    connectionName: options.connectionName?.replace(/[^\x21-\x7e]/g, '_'),
  };
  const client: RedisClient = config.cluster
    ? new Cluster(config.cluster.nodes, {
        lazyConnect: true,
        enableReadyCheck: true,
        clusterRetryStrategy: retryStrategy,
        redisOptions: common,
      })
    : new Redis({ ...common, host: config.host, port: config.port, db: config.db ?? 0, retryStrategy });
  client.on('error', (error: Error) => {
    lastErrors.set(client, error);
    options.onError?.(error);
  });
  client.on('ready', () => lastErrors.delete(client));
  return client;
}

/** `host:port`, or the node list of a cluster: what error messages name. */
export function describeRedis(config: RedisConnectionConfig): string {
  if (config.cluster) {
    return `cluster ${config.cluster.nodes.map((node) => `${node.host}:${node.port}`).join(',')}`;
  }
  return `${config.host}:${config.port}`;
}

/** Why a command on this client failed: its latest connection error when there is one. */
export function redisFailureReason(client: RedisClient, error: unknown): string {
  const connectionError = lastErrors.get(client);
  if (connectionError) return connectionError.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * What to throw for a failed command: `unavailable` naming the server when Redis could not be
 * reached, anything else (Redis' own error replies, AppErrors, bugs) unchanged.
 */
export function redisCommandError(client: RedisClient, where: string, error: unknown): unknown {
  if (!(error instanceof Error) || isAppError(error) || error.name === 'ReplyError') return error;
  const unreachable =
    client.status !== 'ready' || lastErrors.has(client) || error.name === 'MaxRetriesPerRequestError';
  if (!unreachable) return error;
  return unavailable(`Redis at ${where} is unreachable: ${redisFailureReason(client, error)}`, error);
}

/**
 * Round trip to Redis, bounded in time even when the client would keep waiting for a connection.
 * Any failure becomes `unavailable` naming the server.
 */
export async function pingRedis(client: RedisClient, where: string, timeoutMs = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.ping(), timeout]);
  } catch (error) {
    throw unavailable(`Redis at ${where} is unreachable: ${redisFailureReason(client, error)}`, error);
  } finally {
    clearTimeout(timer);
  }
}

/** Quits politely when connected; drops the socket when it never connected or is reconnecting. */
export async function closeRedisClient(client: RedisClient): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** Deletes every key matching `pattern` (SCAN, never KEYS). For tests and for tearing down a prefix. */
export async function deleteRedisKeys(client: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
