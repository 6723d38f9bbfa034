import { createCache } from '@astron/kit/cache';
import { ConfigError } from '@astron/kit/config';
import { createPubSub } from '@astron/kit/pubsub';
import { createJobQueue } from '@astron/kit/queue';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { baseEnvironment, dataDirectory, embeddedAddresses, isEmbedded, serviceEnvironment, startEmbeddedDatabase, type EmbeddedServer } from '../environment.js';
import { selectServices } from '../registry.js';

export interface StartOptions {
  config?: string;
  services?: string[];
}

export interface Platform {
  services: RunningService[];
  stop(): Promise<void>;
}

/**
 * Starts the platform in this process: embedded (the default) with one PGlite and in-process cache,
 * pub/sub and queue shared by every service; distributed (ASTRON_MODE=distributed, usually from
 * --config FILE) against the servers the environment names.
 */
export async function startPlatform(options: StartOptions, print: (line: string) => void): Promise<Platform> {
  const env = baseEnvironment(options);
  const selected = selectServices(options.services);
  const embedded = isEmbedded(env);
  const started = Date.now();

  let database: EmbeddedServer | null = null;
  if (embedded) {
    print(`astron: embedded mode, data in ${dataDirectory(env)}`);
    database = await startEmbeddedDatabase(env, { borrow: false });
  }
  const shared: SharedInfrastructure = embedded
    ? { cache: createCache({ kind: 'memory' }), pubsub: createPubSub({ kind: 'memory' }), queue: createJobQueue({ kind: 'memory' }) }
    : {};
  const running: RunningService[] = [];
  const stop = async () => {
    for (const service of running.reverse()) await service.stop();
    await shared.queue?.close();
    await shared.pubsub?.close();
    await shared.cache?.close();
    await database?.close();
  };
  try {
    // Every configuration is checked before anything starts, so one bad variable stops the start cleanly.
    const peers = embedded ? embeddedAddresses(selected, env) : {};
    // Every configuration is checked before anything starts, so one bad variable stops the start cleanly.
    const configs = selected.map((service) => service.loadConfig(serviceEnvironment(service, env, database?.database ?? null, peers)));
    for (const [index, service] of selected.entries()) {
      const instance = await service.start(configs[index], shared);
      running.push(instance);
      print(`  ✓ ${service.name.padEnd(10)} ${instance.url}`);
    }
  } catch (error) {
    await stop();
    throw error instanceof ConfigError ? error : new Error(`start failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  print(`astron: ${running.length} service(s) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { services: running, stop };
}
