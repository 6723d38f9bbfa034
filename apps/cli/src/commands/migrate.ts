import { baseEnvironment, isEmbedded, serviceEnvironment, startEmbeddedDatabase } from '../environment.js';
import { selectServices } from '../registry.js';

/** Applies every service's migrations (also done at start); prints what was applied. */
export async function migrateAll(options: { config?: string; services?: string[] }, print: (line: string) => void): Promise<void> {
  const env = baseEnvironment(options);
  const database = isEmbedded(env) ? await startEmbeddedDatabase(env, { borrow: true }) : null;
  try {
    for (const service of selectServices(options.services)) {
      const config = service.loadConfig(serviceEnvironment(service, env, database?.database ?? null));
      const applied = await service.migrate(config);
      print(`  ${service.name.padEnd(10)} ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
    }
  } finally {
    await database?.close();
  }
}
