import { createCache, type Cache } from '@astron/kit/cache';
import { resolveSecrets } from '@astron/kit/config';
import { createKeyring } from '@astron/kit/crypto';
import { openMigratedDatabase, type Database } from '@astron/kit/db';
import { createEgressClient, type EgressOptions, type Resolver } from '@astron/kit/egress';
import type { Logger } from '@astron/kit/log';
import type { SharedInfrastructure } from '@astron/kit/service';
import type { LinkConfig } from './config.js';
import { oauthTokens } from './domain/auth/oauth2.js';
import { mcpConnector, type McpConnector } from './domain/mcp/connector.js';
import { mcpServersDomain, type McpServersDomain } from './domain/mcp/servers.js';
import { documentImporter } from './domain/openapi/import.js';
import { toolRunner, type ToolRunner } from './domain/run/run-tool.js';
import { toolSetsDomain, type ToolSetsDomain } from './domain/tools/tool-sets.js';
import { mcpServersStore } from './store/mcp-servers-store.js';
import { migrations } from './store/migrations.js';
import type { LinkSchema } from './store/tables.js';
import { toolSetsStore } from './store/tool-sets-store.js';
import { versionsStore } from './store/versions-store.js';

export interface LinkRuntime {
  database: Database<LinkSchema>;
  cache: Cache;
  serviceToken: string;
  toolSets: ToolSetsDomain;
  runner: ToolRunner;
  mcpServers: McpServersDomain;
  /** For MCP servers named by URL in a call (the original's `mcp_server_urls`). */
  connector: McpConnector;
  close(): Promise<void>;
}

/** Replaces what the runtime would build, for tests: a resolver that makes up host names (kit/egress tests do the same). */
export interface RuntimeOverrides {
  resolver?: Resolver;
}

/** Redis in distributed mode; the process's shared cache when embedded; else this service's own. */
function openCache(config: LinkConfig, shared: SharedInfrastructure): { cache: Cache; owned: boolean } {
  if (config.redis !== null) return { cache: createCache({ kind: 'redis', redis: config.redis, prefix: 'astron:link:' }), owned: true };
  if (shared.cache !== undefined) return { cache: shared.cache, owned: false };
  return { cache: createCache({ kind: 'memory' }), owned: true };
}

export async function openLinkRuntime(config: LinkConfig, shared: SharedInfrastructure, logger: Logger, overrides: RuntimeOverrides = {}): Promise<LinkRuntime> {
  const { limits } = config;
  const secrets = resolveSecrets(config.secrets, config.service.dataDir);
  const database = await openMigratedDatabase<LinkSchema>(config.database, migrations, { logger });
  const keyring = createKeyring({ currentKey: secrets.encryptionKey, currentKeyId: secrets.encryptionKeyId, oldKeys: secrets.oldEncryptionKeys });
  const { cache, owned } = openCache(config, shared);
  // Every address here is a user's: documents, tool servers, token endpoints, MCP servers all go through the SSRF guard (EGRESS_*).
  const guard: EgressOptions = { ...config.service.egress, ...(overrides.resolver === undefined ? {} : { resolver: overrides.resolver }) };
  const documentsEgress = createEgressClient({ ...guard, timeoutMs: limits.runTimeoutMs, maxResponseBytes: limits.maxDocumentBytes });
  const toolsEgress = createEgressClient({ ...guard, timeoutMs: limits.runTimeoutMs, maxResponseBytes: limits.maxResponseBytes });
  const mcpEgress = createEgressClient({ ...guard, timeoutMs: limits.mcpTimeoutMs, maxResponseBytes: limits.maxResponseBytes });
  const importer = documentImporter({ egress: documentsEgress, maxDocumentBytes: limits.maxDocumentBytes });
  const toolSets = toolSetsDomain({ store: toolSetsStore(database), versions: versionsStore(database), importer, keyring });
  const runner = toolRunner({ egress: toolsEgress, tokens: oauthTokens(toolsEgress), keyring, timeoutMs: limits.runTimeoutMs });
  const connector = mcpConnector({ egress: mcpEgress, timeoutMs: limits.mcpTimeoutMs });
  const mcpServers = mcpServersDomain({ store: mcpServersStore(database), keyring, connector, cache, toolsCacheMs: limits.mcpToolsCacheMs });
  return {
    database,
    cache,
    serviceToken: secrets.serviceToken,
    toolSets,
    runner,
    mcpServers,
    connector,
    async close() {
      await Promise.all([documentsEgress.close(), toolsEgress.close(), mcpEgress.close()]);
      if (owned) await cache.close();
      await database.close();
    },
  };
}
