import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { badRequest } from '@astron/kit/errors';
import { readEventStream } from '@astron/kit/service-client';
import { exportWorkflowFile, importWorkflowFile, type WorkflowProvisioned } from '@astron/hub';
import { withHub, type ProvisioningOptions } from './provider.js';

interface ImportOptions extends ProvisioningOptions {
  space: string;
  alias?: string;
  publish?: boolean;
}

interface RunOptions {
  input: string[];
  stream?: boolean;
  url: string;
  key?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `name=value`; the value is JSON when it parses as JSON (numbers, lists, objects), text otherwise. */
function parseInputs(pairs: string[]): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw badRequest(`--input ${pair}: expected name=value`, undefined, 'validation_failed');
    const text = pair.slice(equals + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // plain text
    }
    inputs[pair.slice(0, equals)] = value;
  }
  return inputs;
}

function report(result: WorkflowProvisioned, options: ProvisioningOptions, print: (line: string) => void): void {
  for (const warning of result.warnings) process.stderr.write(`warning: ${typeof warning === 'object' && warning !== null && 'message' in warning ? String((warning).message) : JSON.stringify(warning)}\n`);
  if (options.json) print(JSON.stringify({ id: result.workflow.id, alias: result.workflow.alias, spaceId: result.spaceId, name: result.workflow.name, publishedVersion: result.publishedVersion, warnings: result.warnings }));
  else print(result.workflow.id);
}

/**
 * Runs a published workflow through the platform's public API (`POST /v1/workflows/{id}/runs`) with an API key, as
 * any client would: it works against an embedded or a distributed platform that is running.
 */
async function runThroughApi(id: string, options: RunOptions, print: (line: string) => void): Promise<void> {
  const key = options.key ?? process.env.ASTRON_API_KEY;
  if (key === undefined || key === '') throw badRequest('give an API key of the workflow\'s space with --key or ASTRON_API_KEY', undefined, 'missing_credentials');
  const url = `${options.url.replace(/\/+$/, '')}/v1/workflows/${encodeURIComponent(id)}/runs`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: options.stream ? 'text/event-stream' : 'application/json' },
    body: JSON.stringify({ inputs: parseInputs(options.input), stream: options.stream === true }),
  }).catch((error: unknown) => {
    throw new Error(`cannot reach the platform at ${options.url} (--url): ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new Error(`${response.status} ${body.code ?? ''}: ${body.message ?? response.statusText}`);
  }
  if (!options.stream) {
    const run = (await response.json()) as { status: string; outputs?: unknown; error?: { message?: string } };
    print(options.json ? JSON.stringify(run) : JSON.stringify(run.outputs ?? run.error ?? null, null, 2));
    if (run.status === 'failed') process.exitCode = 1;
    return;
  }
  // Streamed: one line per event, text deltas as they come.
  for await (const event of readEventStream(response.body ?? new ReadableStream())) {
    if (event.event === undefined) continue;
    if (options.json) print(JSON.stringify({ type: event.event, data: JSON.parse(event.data) as unknown }));
    else print(`${event.event} ${event.data}`);
    if (event.event === 'run-failed') process.exitCode = 1;
  }
}

/** `astron workflow import | export | run`. */
export function workflowCommand(program: Command, print: (line: string) => void, fail: (error: unknown) => never): void {
  const workflow = program.command('workflow').description('workflows of a space');

  workflow
    .command('import <file>')
    .description("create a workflow from a file: our export, the original astron-agent's JSON or YAML; prints its id")
    .requiredOption('--space <space>', 'space id (sp_...) or its exact name')
    .option('--alias <alias>', 'a stable name, unique in the space, usable in place of the id on the API')
    .option('--publish', 'publish version 1 at once (refused while the workflow has problems)')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .option('--json', 'print one JSON object')
    .action(async (path: string, options: ImportOptions) => {
      const text = await readFile(path, 'utf8').catch((error: unknown) => fail(badRequest(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, undefined, 'file_unreadable')));
      const input = { space: options.space, file: text, publish: options.publish === true, ...(options.alias === undefined ? {} : { alias: options.alias }) };
      const result = await withHub(options, (config) => importWorkflowFile(config, input)).catch(fail);
      report(result, options, print);
    });

  workflow
    .command('export <id>')
    .description('print the workflow as an export file (JSON) on stdout')
    .option('-c, --config <file>', 'read variables from an env file (a distributed deployment)')
    .action(async (id: string, options: ProvisioningOptions) => {
      const file = await withHub(options, (config) => exportWorkflowFile(config, id)).catch(fail);
      print(JSON.stringify(file, null, 2));
    });

  workflow
    .command('run <idOrAlias>')
    .description('run a published workflow through the running platform\'s API (an API key of its space)')
    .option('--input <name=value>', 'an input of the start node; JSON values are parsed; repeat for several', collect, [])
    .option('--stream', 'print the events as they happen')
    .option('--url <url>', 'where the platform answers', `http://127.0.0.1:${process.env.CONSOLE_HUB_PORT ?? '8080'}`)
    .option('--key <key>', 'an API key of the workflow\'s space (or ASTRON_API_KEY)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: RunOptions) => {
      await runThroughApi(id, options, print).catch(fail);
    });
}
