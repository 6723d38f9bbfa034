import { createPlatformAdmin, hubService, prepareAdmin, type CreatedAdmin } from '@astron/hub';
import { baseEnvironment, isEmbedded, serviceEnvironment, startEmbeddedDatabase } from '../environment.js';

export interface AdminCreateOptions {
  email: string;
  password: string;
  name?: string;
  config?: string;
}

/**
 * `astron admin create --email E --password P`: a platform admin written straight into the hub's
 * database (migrated first), the embedded one under the data directory (while the platform is
 * stopped: one process at a time opens it) or the distributed one named by the environment or --config.
 */
export async function createAdmin(options: AdminCreateOptions): Promise<CreatedAdmin> {
  const admin = await prepareAdmin({
    email: options.email,
    password: options.password,
    ...(options.name === undefined ? {} : { name: options.name }),
  });
  const env = baseEnvironment(options);
  const database = isEmbedded(env) ? await startEmbeddedDatabase(env, { borrow: true }) : null;
  try {
    const config = hubService.loadConfig(serviceEnvironment(hubService, env, database?.database ?? null));
    return await createPlatformAdmin(config, admin);
  } finally {
    await database?.close();
  }
}
