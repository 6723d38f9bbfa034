import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { badRequest } from '@astron/kit/errors';
import { createAgent, exportAgent, importAgent, listAgents, type AgentProvisioned } from '@astron/hub';
import { withHub, type ProvisioningOptions } from './provider.js';

interface AgentCreateOptions extends ProvisioningOptions {
  space: string;
  name: string;
  model: string;
  instructions: string;
  tool: string[];
  alias?: string;
  publish?: boolean;
}

interface AgentImportOptions extends ProvisioningOptions {
  space: string;
  publish?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The file is read and parsed before the database starts, so a bad path fails at once. */
async function readExportFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw badRequest(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, undefined, 'file_unreadable');
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`, undefined, 'validation_failed');
  }
}

function report(result: AgentProvisioned, options: ProvisioningOptions, print: (line: string) => void): void {
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  const { agent } = result;
  if (options.json) print(JSON.stringify({ id: agent.id, alias: agent.alias, spaceId: result.spaceId, name: agent.name, model: agent.model, tools: agent.tools, publishedVersion: result.publishedVersion, warnings: result.warnings }));
  else print(agent.id);
}

/** `astron agent create | list | export | import`: agents provisioned by script on the hub's database. */
export function agentCommand(program: Command, print: (line: string) => void, fail: (error: unknown) => never): void {
  const agent = program.command('agent').description('agents of a space');

  agent
    .command('create')
    .description('create an agent (published with --publish); prints its id')
    .requiredOption('--space <space>', 'space id (sp_...) or its exact name')
    .requiredOption('--name <name>', 'the agent name')
    .requiredOption('--model <provider/model>', 'PROVIDER/MODEL: the provider id or exact name in that space, then the model id')
    .option('--instructions <text>', 'the instructions (system prompt)', '')
    .option('--tool <name>', 'a built-in tool (current_time, calculator, web_reader); repeat for several', collect, [])
    .option('--alias <alias>', 'a stable name, unique in the space, to use as `model` on the API instead of the id')
    .option('--publish', 'publish version 1 at once')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .option('--json', 'print one JSON object')
    .action(async (options: AgentCreateOptions) => {
      const input = { space: options.space, name: options.name, model: options.model, instructions: options.instructions, tools: options.tool, alias: options.alias, publish: options.publish === true };
      const result = await withHub(options, (config) => createAgent(config, input)).catch(fail);
      report(result, options, print);
    });

  agent
    .command('list')
    .description('list the agents of a space: id, alias, published version, name')
    .requiredOption('--space <space>', 'space id (sp_...) or its exact name')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .option('--json', 'print one JSON array')
    .action(async (options: ProvisioningOptions & { space: string }) => {
      const { agents } = await withHub(options, (config) => listAgents(config, options.space)).catch(fail);
      if (options.json) {
        print(JSON.stringify(agents.map((item) => ({ id: item.id, alias: item.alias, name: item.name, model: item.model, publishedVersion: item.publishedVersion }))));
        return;
      }
      for (const item of agents) print([item.id, item.alias ?? '-', item.publishedVersion === null ? 'draft' : `v${item.publishedVersion}`, item.name].join('\t'));
    });

  agent
    .command('export <id>')
    .description('print the agent as an export file (JSON) on stdout')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .action(async (id: string, options: ProvisioningOptions) => {
      const file = await withHub(options, (config) => exportAgent(config, id)).catch(fail);
      print(JSON.stringify(file, null, 2));
    });

  agent
    .command('import <file>')
    .description('create an agent from an export file; prints its id')
    .requiredOption('--space <space>', 'space id (sp_...) or its exact name')
    .option('--publish', 'publish version 1 at once (fails when the space lacks the file\'s model provider)')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .option('--json', 'print one JSON object')
    .action(async (path: string, options: AgentImportOptions) => {
      const result = await readExportFile(path)
        .then((file) => withHub(options, (config) => importAgent(config, { space: options.space, file, publish: options.publish === true })))
        .catch(fail);
      report(result, options, print);
    });
}
