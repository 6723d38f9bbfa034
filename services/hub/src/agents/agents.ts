import { randomId } from '@astron/kit/crypto';
import type { Keyring } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import { isUniqueViolation } from '@astron/kit/db';
import { AppError, badRequest, notFound } from '@astron/kit/errors';
import type { AuditLog } from '../audit/log.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.js';
import type { AgentsTable, HubSchema } from '../store/tables.js';
import { modelEndpoints, splitModelReference } from './model-endpoints.js';
import type { PluginTools } from './plugin-tools.js';
import { draftSchema, EXPORT_FORMAT, type AgentDraft, type AgentDraftChanges, type AgentView } from './schemas.js';
import { agentStore } from './store.js';
import { workflowTools } from './workflow-tools.js';

const PLUGIN_FIELDS = ['plugins', 'mcpTools', 'databases', 'aiTools'] as const;
type PluginField = (typeof PLUGIN_FIELDS)[number];

/** Without the services to ask (the command line), an imported agent comes without its plugins, saying so. */
function withoutPlugins(draft: AgentDraft): { kept: Pick<AgentDraft, PluginField>; warnings: string[] } {
  const warnings = PLUGIN_FIELDS.filter((field) => draft[field].length > 0).map((field) => `${field} were left out: choose them in the console`);
  return { kept: { plugins: [], mcpTools: [], databases: [], aiTools: [] }, warnings };
}

/** Who acts: a signed-in person in their current space. */
export interface AgentActing {
  spaceId: string;
  actor: { id: string; email: string };
  ip?: string;
}

/** JSON columns come back parsed; the schema fills fields added after a row was written. */
export function readDraft(value: unknown): AgentDraft {
  return draftSchema.parse(typeof value === 'string' ? JSON.parse(value) : value);
}

function view(row: AgentsTable): AgentView {
  return {
    id: row.id,
    alias: row.alias ?? null,
    ...readDraft(row.draft),
    publishedVersion: row.published_version === null ? null : Number(row.published_version),
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Agent definitions of a space: one editable draft each, published as numbered immutable versions. */
/**
 * `knowledge` checks the knowledge bases a draft names, `plugins` its plugins, MCP tools, databases and AI tools;
 * without them (provisioning from the command line) none may be named.
 */
export function agentsDomain(deps: { db: Database<HubSchema>; keyring: Keyring; audit: AuditLog; knowledge?: Pick<KnowledgeService, 'call'>; plugins?: Pick<PluginTools, 'check' | 'keepOwned'> }) {
  const store = agentStore(deps.db);
  const endpoints = modelEndpoints(deps);
  const tools = workflowTools(deps);

  async function find(spaceId: string, id: string): Promise<AgentsTable> {
    const row = await store.find(spaceId, id);
    if (row === null) throw notFound('agent', id);
    return row;
  }

  /** A draft may only name knowledge bases of its own space (the knowledge service answers 404 for others). */
  async function checkKnowledge(spaceId: string, kbIds: string[]): Promise<void> {
    if (kbIds.length > 0 && deps.knowledge === undefined) throw badRequest('knowledge bases are chosen in the console or through the API', [{ field: 'knowledge.kbIds', message: 'not here' }], 'unknown_knowledge_base');
    for (const [index, kbId] of kbIds.entries()) {
      try {
        await deps.knowledge!.call({ space: spaceId }, 'GET', `/knowledge/bases/${encodeURIComponent(kbId)}`);
      } catch (error) {
        if (error instanceof AppError && error.status === 404) throw badRequest(`knowledge base ${kbId} is not a knowledge base of this space`, [{ field: `knowledge.kbIds.${index}`, message: 'unknown knowledge base' }], 'unknown_knowledge_base');
        throw error;
      }
    }
  }

  /** A draft may only name plugins, MCP servers and databases of its own space, and AI tools that exist. */
  async function checkPlugins(spaceId: string, fields: Partial<Pick<AgentDraft, PluginField>>): Promise<void> {
    const named = PLUGIN_FIELDS.find((field) => (fields[field]?.length ?? 0) > 0);
    if (named === undefined) return;
    if (deps.plugins === undefined) throw badRequest('plugins, MCP tools, databases and AI tools are chosen in the console or through the API', [{ field: named, message: 'not here' }], 'plugins_unavailable');
    await deps.plugins.check(spaceId, fields);
  }

  /** A draft may only name a provider of its own space. */
  async function checkModel(spaceId: string, model: string | null | undefined): Promise<void> {
    if (model === null || model === undefined) return;
    const { providerId } = splitModelReference(model);
    if (!(await endpoints.exists(spaceId, providerId))) {
      throw badRequest(`model ${model} names no model provider of this space`, [{ field: 'model', message: 'unknown provider' }], 'unknown_model');
    }
  }

  const aliasTaken = (alias: string | null) =>
    new AppError({ code: 'alias_taken', status: 409, message: `another agent of this space already has the alias ${String(alias)}`, details: [{ field: 'alias', message: 'already taken in this space' }] });

  /** The unique index decides, so two people choosing the same alias at once cannot both have it. */
  async function uniquely(alias: string | null, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      throw alias !== null && isUniqueViolation(error) ? aliasTaken(alias) : error;
    }
  }

  const record = (acting: AgentActing, action: string, id: string, details: Record<string, unknown>) =>
    deps.audit.record({ spaceId: acting.spaceId, actor: acting.actor, action, target: { type: 'agent', id }, details, ...(acting.ip === undefined ? {} : { ip: acting.ip }) });

  async function create(acting: AgentActing, draft: AgentDraft, details: Record<string, unknown> = {}, alias: string | null = null): Promise<AgentView> {
    await checkModel(acting.spaceId, draft.model);
    await tools.check(acting.spaceId, draft.workflows);
    await checkKnowledge(acting.spaceId, draft.knowledge.kbIds);
    await checkPlugins(acting.spaceId, draft);
    const now = new Date();
    const row = { id: randomId('agent'), space_id: acting.spaceId, name: draft.name, alias, draft, published_version: null, published_at: null, created_by: acting.actor.id, created_at: now, updated_at: now };
    await uniquely(alias, () => store.insert(row));
    await record(acting, 'agent.created', row.id, { name: draft.name, ...details });
    return view(row);
  }

  return {
    find,
    list: async (spaceId: string): Promise<AgentView[]> => (await store.list(spaceId)).map(view),
    listPublished: (spaceId: string) => store.listPublished(spaceId),
    get: async (spaceId: string, id: string): Promise<AgentView> => view(await find(spaceId, id)),
    create: (acting: AgentActing, input: AgentDraft & { alias?: string | null | undefined }) => {
      const { alias, ...draft } = input;
      return create(acting, draft, alias === null || alias === undefined ? {} : { alias }, alias ?? null);
    },

    async update(acting: AgentActing, id: string, changes: AgentDraftChanges): Promise<AgentView> {
      const current = await find(acting.spaceId, id);
      const { alias, ...draftChanges } = changes;
      await checkModel(acting.spaceId, draftChanges.model);
      if (draftChanges.workflows !== undefined) await tools.check(acting.spaceId, draftChanges.workflows);
      if (draftChanges.knowledge !== undefined) await checkKnowledge(acting.spaceId, draftChanges.knowledge.kbIds);
      await checkPlugins(acting.spaceId, draftChanges);
      const defined = Object.fromEntries(Object.entries(draftChanges).filter(([, value]) => value !== undefined));
      if (alias !== undefined && alias !== current.alias) await uniquely(alias, () => store.setAlias(acting.spaceId, id, alias));
      if (Object.keys(defined).length > 0) await store.saveDraft(acting.spaceId, id, draftSchema.parse({ ...readDraft(current.draft), ...defined }));
      await record(acting, 'agent.updated', id, { changed: [...Object.keys(defined), ...(alias === undefined ? [] : ['alias'])] });
      return view(await find(acting.spaceId, id));
    },

    async remove(acting: AgentActing, id: string): Promise<void> {
      const current = await find(acting.spaceId, id);
      await store.remove(acting.spaceId, id);
      await record(acting, 'agent.deleted', id, { name: current.name });
    },

    async publish(acting: AgentActing, id: string): Promise<{ version: number; publishedAt: string }> {
      const draft = readDraft((await find(acting.spaceId, id)).draft);
      if (draft.model === null) throw badRequest('choose a model before publishing', [{ field: 'model', message: 'required to publish' }], 'model_required');
      await checkModel(acting.spaceId, draft.model);
      const version = await store.addVersion(acting.spaceId, id, draft, acting.actor.id);
      await record(acting, 'agent.published', id, { version: version.version });
      return { version: version.version, publishedAt: version.published_at.toISOString() };
    },

    async versions(spaceId: string, id: string) {
      await find(spaceId, id);
      return (await store.versions(spaceId, id)).map((row) => ({
        version: Number(row.version),
        publishedAt: row.published_at.toISOString(),
        publishedBy: row.published_by,
        snapshot: readDraft(row.snapshot),
      }));
    },

    /** The draft becomes that version again; what is published does not change until the next publish. */
    async rollback(acting: AgentActing, id: string, version: number): Promise<AgentView> {
      await find(acting.spaceId, id);
      const row = await store.version(acting.spaceId, id, version);
      if (row === null) throw notFound('version', String(version));
      await store.saveDraft(acting.spaceId, id, readDraft(row.snapshot));
      await record(acting, 'agent.updated', id, { rolledBackTo: version });
      return view(await find(acting.spaceId, id));
    },

    async exportFile(spaceId: string, id: string) {
      return { format: EXPORT_FORMAT, formatVersion: 1 as const, agent: readDraft((await find(spaceId, id)).draft) };
    },

    /** A file from another space names providers this one lacks: the agent comes without a model then, and says so. */
    async importFile(acting: AgentActing, draft: AgentDraft): Promise<{ agent: AgentView; warnings: string[] }> {
      const warnings: string[] = [];
      let model = draft.model;
      if (model !== null && !(await endpoints.exists(acting.spaceId, splitModelReference(model).providerId))) {
        warnings.push(`model ${model} names no model provider of this space; choose a model before publishing`);
        model = null;
      }
      // Workflows are the space's own: a file from elsewhere keeps only those this space has.
      const workflows: string[] = [];
      for (const id of draft.workflows) {
        const known = await tools.check(acting.spaceId, [id]).then(() => true, () => false);
        if (known) workflows.push(id);
        else warnings.push(`workflow ${id} is not a workflow of this space; it was left out`);
      }
      const plugins = deps.plugins === undefined ? withoutPlugins(draft) : await deps.plugins.keepOwned(acting.spaceId, draft);
      warnings.push(...plugins.warnings);
      return { agent: await create(acting, { ...draft, model, workflows, ...plugins.kept }, { imported: true }), warnings };
    },
  };
}

export type AgentsDomain = ReturnType<typeof agentsDomain>;
