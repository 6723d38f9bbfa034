import type { HubContext } from '../context.js';
import { readDraft } from '../agents/agents.js';
import { agentStore } from '../agents/store.js';
import { inputsOf } from '../agents/workflow-tools.js';
import { readSnapshot, workflowsDomain } from '../workflows/workflows.js';

/** One published agent or workflow of the space, as an MCP tool. */
export interface CatalogTool {
  name: string;
  description: string;
  inputSchema: { type: 'object'; properties: Record<string, unknown>; required: string[] };
  target: { kind: 'agent'; model: string } | { kind: 'workflow'; workflowId: string };
}

const JSON_TYPES: Record<string, Record<string, unknown>> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  object: { type: 'object' },
  array: { type: 'array' },
  'array-string': { type: 'array', items: { type: 'string' } },
  'array-integer': { type: 'array', items: { type: 'integer' } },
  'array-number': { type: 'array', items: { type: 'number' } },
  'array-boolean': { type: 'array', items: { type: 'boolean' } },
  'array-object': { type: 'array', items: { type: 'object' } },
};

/** MCP tool names are short identifiers; an alias reads better than an id, and a clash gets a number. */
function namer() {
  const taken = new Set<string>();
  return (prefix: string, handle: string): string => {
    const base = `${prefix}_${handle.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 60);
    let name = base;
    for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
    taken.add(name);
    return name;
  };
}

/** Every published agent (asked in a message) and workflow (its start node's parameters) of the space, as published. */
export async function catalog(context: HubContext, spaceId: string): Promise<CatalogTool[]> {
  const name = namer();
  const store = agentStore(context.db);
  const workflows = workflowsDomain(context);
  const tools: CatalogTool[] = [];
  for (const row of await store.listPublished(spaceId)) {
    // What callers get is the published version: its name and description, not the draft being edited.
    const version = row.published_version === null ? null : await store.version(spaceId, row.id, row.published_version);
    if (version === null) continue;
    const published = readDraft(version.snapshot);
    tools.push({
      name: name('agent', row.alias ?? row.id.replace(/^agent_/, '')),
      description: `Ask the agent "${published.name}"${published.description === '' ? '' : `: ${published.description}`}. It answers in text and remembers the conversation when given its conversation_id.`,
      inputSchema: {
        type: 'object',
        properties: { message: { type: 'string', description: 'What to ask the agent' }, conversation_id: { type: 'string', description: 'Continue this conversation (from an earlier answer)' } },
        required: ['message'],
      },
      target: { kind: 'agent', model: row.id },
    });
  }
  for (const summary of await workflows.list(spaceId)) {
    if (summary.publishedVersion === null) continue;
    const version = await workflows.version(spaceId, summary.id, summary.publishedVersion);
    if (version === null) continue;
    const inputs = inputsOf(readSnapshot(version.snapshot).draft.nodes);
    tools.push({
      name: name('workflow', summary.alias ?? summary.id.replace(/^workflow_/, '')),
      description: `Run the workflow "${summary.name}"${summary.description === '' ? '' : `: ${summary.description}`}. Answers with its outputs.`,
      inputSchema: {
        type: 'object',
        properties: Object.fromEntries(inputs.map((input) => [input.name, { ...(JSON_TYPES[input.type] ?? {}), ...(input.description === undefined ? {} : { description: input.description }) }])),
        required: inputs.filter((input) => input.required).map((input) => input.name),
      },
      target: { kind: 'workflow', workflowId: summary.id },
    });
  }
  return tools;
}
