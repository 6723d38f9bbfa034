import { randomUUID } from 'node:crypto';
import { exportWorkflow, validateWorkflow, type Problem } from '@astron/dsl';
import { randomId } from '@astron/kit/crypto';
import { isUniqueViolation, type Database } from '@astron/kit/db';
import { AppError, notFound } from '@astron/kit/errors';
import type { AuditLog } from '../audit/log.js';
import type { HubSchema, WorkflowsTable } from '../store/tables.js';
import { readImportFile } from './import-file.js';
import { draftSchema, snapshotSchema, type WorkflowChanges, type WorkflowDraft, type WorkflowSnapshot, type WorkflowSummaryView, type WorkflowView } from './schemas.js';
import { workflowStore } from './store.js';

/** Who acts: a signed-in person in their current space. */
export interface WorkflowActing {
  spaceId: string;
  actor: { id: string; email: string };
  ip?: string;
}

export interface NewWorkflow {
  name: string;
  description: string;
  alias?: string | null | undefined;
  /** A starter draft (start joined to end) when absent. */
  draft?: WorkflowDraft | undefined;
}

/** JSON columns come back parsed (or as text on some drivers). */
const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

export const readDraft = (value: unknown): WorkflowDraft => draftSchema.parse(parsed(value));
export const readSnapshot = (value: unknown): WorkflowSnapshot => snapshotSchema.parse(parsed(value));

export const problemsOf = (draft: WorkflowDraft): Problem[] => validateWorkflow(draft).problems;

/** 400 `workflow_invalid` with the error-severity problems as details; warnings never stop anything. */
export function requireRunnable(draft: WorkflowDraft, doing: string): void {
  const errors = problemsOf(draft).filter((problem) => problem.severity === 'error');
  if (errors.length === 0) return;
  const shown = errors.slice(0, 3).map((problem) => problem.message).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  throw new AppError({ code: 'workflow_invalid', status: 400, message: `fix the workflow before ${doing}: ${shown}${more}`, details: errors });
}

/** A new workflow: a start node (the user's message as AGENT_USER_INPUT) joined to an end node that returns it. */
export function starterDraft(): WorkflowDraft {
  const start = `node-start::${randomUUID()}`;
  const end = `node-end::${randomUUID()}`;
  return {
    nodes: [
      {
        id: start,
        position: { x: 100, y: 300 },
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'Start' },
          inputs: [],
          outputs: [{ id: randomUUID(), name: 'AGENT_USER_INPUT', schema: { type: 'string', default: "The user's message" }, required: true }],
          nodeParam: {},
        },
      },
      {
        id: end,
        position: { x: 600, y: 300 },
        data: {
          nodeMeta: { nodeType: '基础节点', aliasName: 'End' },
          inputs: [{ id: randomUUID(), name: 'output', schema: { type: 'string', value: { type: 'ref', content: { nodeId: start, name: 'AGENT_USER_INPUT' } } } }],
          outputs: [],
          nodeParam: { outputMode: 0, template: '', streamOutput: false },
        },
      },
    ],
    edges: [{ sourceNodeId: start, targetNodeId: end }],
  };
}

function summary(row: WorkflowsTable, draft: WorkflowDraft): WorkflowSummaryView {
  return {
    id: row.id,
    alias: row.alias ?? null,
    name: row.name,
    description: row.description,
    problems: problemsOf(draft),
    publishedVersion: row.published_version === null ? null : Number(row.published_version),
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function view(row: WorkflowsTable): WorkflowView {
  const draft = readDraft(row.draft);
  return { ...summary(row, draft), draft };
}

/** Workflow definitions of a space: one editable draft each, published as numbered immutable versions (decision 0011). */
export function workflowsDomain(deps: { db: Database<HubSchema>; audit: AuditLog }) {
  const store = workflowStore(deps.db);

  async function find(spaceId: string, id: string): Promise<WorkflowsTable> {
    const row = await store.find(spaceId, id);
    if (row === null) throw notFound('workflow', id);
    return row;
  }

  const aliasTaken = (alias: string) =>
    new AppError({ code: 'alias_taken', status: 409, message: `another workflow of this space already has the alias ${alias}`, details: [{ field: 'alias', message: 'already taken in this space' }] });

  /** The unique index decides, so two people choosing the same alias at once cannot both have it. */
  async function uniquely(alias: string | null | undefined, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      throw typeof alias === 'string' && isUniqueViolation(error) ? aliasTaken(alias) : error;
    }
  }

  const record = (acting: WorkflowActing, action: string, id: string, details: Record<string, unknown>) =>
    deps.audit.record({ spaceId: acting.spaceId, actor: acting.actor, action, target: { type: 'workflow', id }, details, ...(acting.ip === undefined ? {} : { ip: acting.ip }) });

  async function create(acting: WorkflowActing, input: NewWorkflow, details: Record<string, unknown> = {}): Promise<WorkflowView> {
    const now = new Date();
    const alias = input.alias ?? null;
    const row = {
      id: randomId('workflow'),
      space_id: acting.spaceId,
      name: input.name,
      alias,
      description: input.description,
      draft: input.draft ?? starterDraft(),
      published_version: null,
      published_at: null,
      created_by: acting.actor.id,
      created_at: now,
      updated_at: now,
    };
    await uniquely(alias, () => store.insert(row));
    await record(acting, 'workflow.created', row.id, { name: row.name, ...(alias === null ? {} : { alias }), ...details });
    return view(row);
  }

  return {
    find,
    findByIdOrAlias: (spaceId: string, idOrAlias: string) => store.findByIdOrAlias(spaceId, idOrAlias),
    version: (spaceId: string, id: string, version: number) => store.version(spaceId, id, version),
    list: async (spaceId: string): Promise<WorkflowSummaryView[]> => (await store.list(spaceId)).map((row) => summary(row, readDraft(row.draft))),
    get: async (spaceId: string, id: string): Promise<WorkflowView> => view(await find(spaceId, id)),
    create: (acting: WorkflowActing, input: NewWorkflow) => create(acting, input),

    async update(acting: WorkflowActing, id: string, changes: WorkflowChanges): Promise<WorkflowView> {
      const current = await find(acting.spaceId, id);
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as WorkflowChanges;
      if (defined.alias === current.alias) delete defined.alias;
      if (Object.keys(defined).length > 0) await uniquely(defined.alias, () => store.update(acting.spaceId, id, defined));
      await record(acting, 'workflow.updated', id, { changed: Object.keys(defined) });
      return view(await find(acting.spaceId, id));
    },

    async remove(acting: WorkflowActing, id: string): Promise<void> {
      const current = await find(acting.spaceId, id);
      await store.remove(acting.spaceId, id);
      await record(acting, 'workflow.deleted', id, { name: current.name });
    },

    async validate(spaceId: string, id: string): Promise<Problem[]> {
      return problemsOf(readDraft((await find(spaceId, id)).draft));
    },

    /** The draft becomes version n+1, the one the public API runs; a draft with errors is refused. */
    async publish(acting: WorkflowActing, id: string): Promise<{ version: number; publishedAt: string }> {
      const row = await find(acting.spaceId, id);
      const draft = readDraft(row.draft);
      requireRunnable(draft, 'publishing');
      const version = await store.addVersion(acting.spaceId, id, { name: row.name, description: row.description, draft }, acting.actor.id);
      await record(acting, 'workflow.published', id, { version: version.version });
      return { version: version.version, publishedAt: version.published_at.toISOString() };
    },

    async versions(spaceId: string, id: string) {
      await find(spaceId, id);
      return (await store.versions(spaceId, id)).map((row) => ({
        version: Number(row.version),
        publishedAt: row.published_at.toISOString(),
        publishedBy: row.published_by,
        snapshot: readSnapshot(row.snapshot),
      }));
    },

    /** The draft (with its name and description) becomes that version again; what is published stays until the next publish. */
    async rollback(acting: WorkflowActing, id: string, version: number): Promise<WorkflowView> {
      await find(acting.spaceId, id);
      const row = await store.version(acting.spaceId, id, version);
      if (row === null) throw notFound('version', String(version));
      await store.update(acting.spaceId, id, readSnapshot(row.snapshot));
      await record(acting, 'workflow.updated', id, { rolledBackTo: version });
      return view(await find(acting.spaceId, id));
    },

    async exportFile(spaceId: string, id: string) {
      const row = await find(spaceId, id);
      // A draft is exported as it is, problems and all: the file is for carrying work elsewhere, not for running.
      return exportWorkflow(readDraft(row.draft) as unknown as Parameters<typeof exportWorkflow>[0], { name: row.name, description: row.description });
    },

    /** Inert: the file becomes a draft, nothing runs; models the space lacks are left empty, with a warning each. */
    async importFile(acting: WorkflowActing, file: unknown, alias: string | null | undefined) {
      const imported = await readImportFile(deps.db, acting.spaceId, file);
      const workflow = await create(acting, { name: imported.name, description: imported.description, alias, draft: imported.draft }, { imported: imported.format });
      return { workflow, warnings: imported.warnings };
    },
  };
}

export type WorkflowsDomain = ReturnType<typeof workflowsDomain>;
