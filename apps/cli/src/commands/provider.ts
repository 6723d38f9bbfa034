import type { Command } from 'commander';
import type { Env } from '@astron/kit/config';
import { addProvider, checkProviderProvisioning, hubService, type HubConfig, type ProviderProvisioning } from '@astron/hub';
import { baseEnvironment, isEmbedded, serviceEnvironment, startEmbeddedDatabase, type EmbeddedServer } from '../environment.js';

export interface ProvisioningOptions {
  config?: string;
  json?: boolean;
}

/**
 * Runs a provisioning step against the hub's database: the embedded data directory (through the running platform's
 * database server when it runs, else opened here) or a distributed deployment (--config).
 * Services stay quiet so that --json output is the only thing on stdout.
 */
export async function withHub<T>(options: ProvisioningOptions, run: (config: HubConfig, env: Env, database: EmbeddedServer | null) => Promise<T>): Promise<T> {
  const env: Env = { ...baseEnvironment(options), LOG_LEVEL: 'silent' };
  const database = isEmbedded(env) ? await startEmbeddedDatabase(env, { borrow: true }) : null;
  try {
    const config = hubService.loadConfig(serviceEnvironment(hubService, env, database?.database ?? null));
    return await run(config, env, database);
  } finally {
    await database?.close();
  }
}

interface ProviderAddOptions extends ProvisioningOptions {
  space: string;
  name: string;
  baseUrl: string;
  apiKey?: string;
  chatModel?: string;
  embeddingModel?: string;
}

/** `astron provider add`: registers a model provider in a space; the given models become its defaults. */
export function providerCommand(program: Command, print: (line: string) => void, fail: (error: unknown) => never): void {
  program
    .command('provider')
    .description('model providers of a space')
    .command('add')
    .description('add an OpenAI-compatible model provider to a space (its models given here become the space defaults)')
    .requiredOption('--space <space>', 'space id (sp_...) or its exact name')
    .requiredOption('--name <name>', 'a name for the provider')
    .requiredOption('--base-url <url>', 'the OpenAI-compatible base URL, e.g. https://api.openai.com/v1')
    .option('--api-key <key>', 'the provider API key (stored encrypted)')
    .option('--chat-model <model>', 'a chat model id, made the space default')
    .option('--embedding-model <model>', 'an embedding model id, made the space default')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .option('--json', 'print one JSON object')
    .action(async (options: ProviderAddOptions) => {
      const input: ProviderProvisioning = {
        space: options.space,
        name: options.name,
        baseUrl: options.baseUrl,
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
        ...(options.chatModel === undefined ? {} : { chatModel: options.chatModel }),
        ...(options.embeddingModel === undefined ? {} : { embeddingModel: options.embeddingModel }),
      };
      // Bad flags fail at once, before the database starts.
      const provider = await Promise.resolve()
        .then(() => checkProviderProvisioning(input))
        .then(() => withHub(options, (config) => addProvider(config, input)))
        .catch(fail);
      if (options.json) {
        print(JSON.stringify({ id: provider.id, spaceId: provider.spaceId, name: provider.name, baseUrl: provider.baseUrl, hasApiKey: provider.hasApiKey, models: provider.models, defaults: provider.defaults }));
        return;
      }
      print(`provider ${provider.id} (${provider.name}) added to space ${provider.spaceId}`);
      if (provider.defaults.chatModel !== null) print(`  default chat model:      ${provider.defaults.chatModel}`);
      if (provider.defaults.embeddingModel !== null) print(`  default embedding model: ${provider.defaults.embeddingModel}`);
    });
}
