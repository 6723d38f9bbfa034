import type { Command } from 'commander';
import type { Env } from '@astron/kit/config';
import type { EmbeddedServer } from '../environment.js';
import { serviceEnvironment } from '../environment.js';
import { createApiKey, type HubConfig } from '@astron/hub';
import { tenantService } from '@astron/tenant';
import { withHub, type ProvisioningOptions } from './provider.js';

interface ApiKeyCreateOptions extends ProvisioningOptions {
  space: string;
  name: string;
}

/**
 * Keys are made by the tenant service. In a distributed deployment that is TENANT_URL; on the embedded
 * data directory the tenant is started here, in this process, on a loopback port, for this one call.
 */
async function withTenant<T>(config: HubConfig, env: Env, database: EmbeddedServer | null, run: (tenantUrl: string) => Promise<T>): Promise<T> {
  if (database === null) return run(config.tenantUrl);
  const tenantConfig = tenantService.loadConfig(serviceEnvironment(tenantService, env, database.database));
  tenantConfig.service.port = 0;
  tenantConfig.service.host = '127.0.0.1';
  const tenant = await tenantService.start(tenantConfig);
  try {
    return await run(tenant.url);
  } finally {
    await tenant.stop();
  }
}

/** `astron apikey create`: a key for a space's public API, printed once. */
export function apikeyCommand(program: Command, print: (line: string) => void, fail: (error: unknown) => never): void {
  program
    .command('apikey')
    .description('API keys of a space (for the public /v1 API)')
    .command('create')
    .description('create an API key; it is printed once and cannot be shown again')
    .requiredOption('--space <space>', 'space id (sp_...) or its exact name')
    .option('--name <name>', 'a name to recognise the key by', 'cli')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .option('--json', 'print one JSON object')
    .action(async (options: ApiKeyCreateOptions) => {
      const created = await withHub(options, (config, env, database) =>
        withTenant(config, env, database, (tenantUrl) => createApiKey(config, { space: options.space, name: options.name }, tenantUrl)),
      ).catch(fail);
      if (options.json) {
        print(JSON.stringify({ id: created.id, spaceId: created.spaceId, name: created.name, prefix: created.prefix, createdAt: created.createdAt, key: created.key }));
        return;
      }
      print(`API key ${created.id} (${created.name}) created in space ${created.spaceId}; it is shown only this once:`);
      print(created.key);
    });
}
