import { badRequest, notFound } from '@astron/kit/errors';
import type { HubConfig } from '../config.js';
import { findSpace, ownerActing, withStore, type HubStore } from '../providers/provisioning.js';
import { agentsDomain, type AgentActing } from './agents.js';
import { readModels, type ModelKind } from '../providers/models.js';
import { modelEndpoints, splitModelReference } from './model-endpoints.js';
import { createAgentSchema, exportFileSchema, type AgentView } from './schemas.js';

export interface AgentProvisioning {
  space: string;
  name: string;
  /** `<provider id or exact name>/<model id>` */
  model: string;
  instructions: string;
  tools: string[];
  /** Unique in the space; usable as `model` on the public API. */
  alias?: string | undefined;
  publish: boolean;
}

export interface AgentProvisioned {
  agent: AgentView;
  spaceId: string;
  publishedVersion: number | null;
  warnings: string[];
}

/** A provider named by its id or, when exactly one provider of the space has it, its name. */
export async function resolveModel(store: HubStore, spaceId: string, reference: string, kind: ModelKind): Promise<string> {
  const slash = reference.indexOf('/');
  if (slash <= 0 || slash === reference.length - 1) throw badRequest(`--model ${reference}: must be PROVIDER/MODEL`, undefined, 'validation_failed');
  const provider = reference.slice(0, slash);
  const model = reference.slice(slash + 1);
  const rows = await store.db.kysely
    .selectFrom('providers')
    .select(['id', 'name', 'models'])
    .where('space_id', '=', spaceId)
    .where((eb) => eb.or([eb('id', '=', provider), eb('name', '=', provider)]))
    .execute();
  const byId = rows.find((row) => row.id === provider);
  if (byId === undefined && rows.length > 1) throw badRequest(`several model providers of space ${spaceId} are named "${provider}"; give the provider id`, undefined, 'ambiguous_provider');
  const found = byId ?? rows[0];
  if (found === undefined) throw badRequest(`--model ${reference}: space ${spaceId} has no model provider with the id or name "${provider}"`, undefined, 'unknown_model');
  // A provider whose models nobody listed may serve any; one with a list serves what it lists.
  const known = readModels(found.models).filter((item) => item.kind === kind);
  if (readModels(found.models).length > 0 && !known.some((item) => item.id === model)) {
    const offered = known.length === 0 ? `it has no ${kind} model` : `its ${kind} models are ${known.map((item) => item.id).join(', ')}`;
    throw badRequest(`--model ${reference}: provider "${provider}" has no ${kind} model "${model}"; ${offered}`, undefined, 'unknown_model');
  }
  return `${found.id}/${model}`;
}

async function publishIf(store: HubStore, acting: AgentActing, agent: AgentView, publish: boolean, warnings: string[]): Promise<AgentProvisioned> {
  const domain = agentsDomain(store);
  const publishedVersion = publish ? (await domain.publish(acting, agent.id)).version : null;
  return { agent: publish ? await domain.get(acting.spaceId, agent.id) : agent, spaceId: acting.spaceId, publishedVersion, warnings };
}

/** `astron agent create`: a new agent in a space, published at once when asked. */
export async function createAgent(config: HubConfig, input: AgentProvisioning): Promise<AgentProvisioned> {
  const parsed = createAgentSchema.safeParse({ name: input.name, instructions: input.instructions, tools: input.tools, model: input.model, alias: input.alias });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path[0] === 'tools' ? 'tool' : String(issue.path[0])}: ${issue.message}`);
    throw badRequest(problems.join('; '), undefined, 'validation_failed');
  }
  return withStore(config, async (store) => {
    const space = await findSpace(store.db, input.space);
    const acting = await ownerActing(store, space);
    const model = await resolveModel(store, space.id, input.model, 'chat');
    const agent = await agentsDomain(store).create(acting, { ...parsed.data, model });
    return publishIf(store, acting, agent, input.publish, []);
  });
}

/** `astron agent list`: the agents of a space, newest first. */
export async function listAgents(config: HubConfig, space: string): Promise<{ spaceId: string; agents: AgentView[] }> {
  return withStore(config, async (store) => {
    const found = await findSpace(store.db, space);
    return { spaceId: found.id, agents: await agentsDomain(store).list(found.id) };
  });
}

/** `astron agent export`: the agent's draft as an export file; agent ids are unique across spaces. */
export async function exportAgent(config: HubConfig, id: string) {
  return withStore(config, async (store) => {
    const row = await store.db.kysely.selectFrom('agents').select(['space_id']).where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound('agent', id);
    return agentsDomain(store).exportFile(row.space_id, id);
  });
}

/** `astron agent import`: a new agent from an export file; a model the space lacks is dropped with a warning. */
export async function importAgent(config: HubConfig, input: { space: string; file: unknown; publish: boolean }): Promise<AgentProvisioned> {
  const parsed = exportFileSchema.safeParse(input.file);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`);
    throw badRequest(`not an agent export file: ${problems.join('; ')}`, undefined, 'validation_failed');
  }
  return withStore(config, async (store) => {
    const space = await findSpace(store.db, input.space);
    const acting = await ownerActing(store, space);
    // Refused before anything is created: an agent that cannot be published must not be left behind.
    const { model } = parsed.data.agent;
    if (input.publish && (model === null || !(await modelEndpoints(store).exists(space.id, splitModelReference(model).providerId)))) {
      const reason = model === null ? 'the file names no model' : `model ${model} names no model provider of space ${space.id}`;
      throw badRequest(`nothing was imported: --publish needs a model, and ${reason}; import without --publish and choose a model`, undefined, 'model_required');
    }
    const { agent, warnings } = await agentsDomain(store).importFile(acting, parsed.data.agent);
    return publishIf(store, acting, agent, input.publish, warnings);
  });
}
