import { ConfigError, type Env } from '../config/index.js';
import type { Cache } from '../cache/index.js';
import type { PubSub } from '../pubsub/index.js';
import type { JobQueue } from '../queue/index.js';

/**
 * In-process adapters one process shares among the services it hosts (embedded mode), so that a
 * message published by one service reaches another. Absent when each service runs alone.
 */
export interface SharedInfrastructure {
  cache?: Cache;
  pubsub?: PubSub;
  queue?: JobQueue;
}

export interface RunningService {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** The one embedded Postgres that `astron start` shares among the services of its process. */
export interface EmbeddedDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface EmbeddedContext {
  database: EmbeddedDatabase;
  /** Base URLs of every service of this process, by name. */
  peers: Record<string, string>;
  /** The built console (apps/console/dist). */
  consoleDir: string;
}

/** Something a service needs at run time, checked by `astron doctor`. */
export interface Dependency {
  /** 'database', 'redis' ... */
  name: string;
  /** Where, and from which variables: 'MySQL at mysql:3306 (DATABASE_URL)'. */
  target: string;
  check(): Promise<void>;
  /** What to do when the check fails. */
  fix: string;
}

/** What `astron start`, `astron migrate`, `astron doctor` and a service's own main.ts need to know of a service. */
export interface ServiceModule<Config = unknown> {
  name: string;
  /** The compose service name in deploy/docker (core-tenant ...); its port variable is CORE_<NAME>_PORT there. */
  composeName: string;
  defaultPort: number;
  /** Pure: parses the environment, throws ConfigError naming every bad variable. */
  loadConfig(env: Env): Config;
  /**
   * The variables that point this service at what the embedded process shares: the embedded database
   * (in the service's own variable family), the URLs of the other services, the console's files.
   */
  embeddedEnv(embedded: EmbeddedContext): Env;
  start(config: Config, shared?: SharedInfrastructure): Promise<RunningService>;
  /** Applies the service's migrations; returns the names applied. */
  migrate(config: Config): Promise<string[]>;
  dependencies(config: Config): Dependency[];
}

/**
 * The body of every service's main.ts: configuration from the environment, a clean stop on SIGTERM
 * or SIGINT (drains requests), and a non-zero exit naming the variable when the configuration is bad.
 */
export async function runService<Config>(module: ServiceModule<Config>, env: Env = process.env): Promise<void> {
  let config: Config;
  try {
    config = module.loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  let running: RunningService;
  try {
    running = await module.start(config);
  } catch (error) {
    process.stderr.write(`${module.name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${module.name}: ${signal} received, draining\n`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${module.name}: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
