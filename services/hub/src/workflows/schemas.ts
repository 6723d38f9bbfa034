import { z } from 'zod';

/** Limits of one workflow: the workflow service takes at most as many (services/workflow/src/routes/schemas.ts). */
export const MAX_NODES = 2_000;
export const MAX_EDGES = 10_000;

const name = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const description = z.string().max(2000, 'must be at most 2000 characters');

/**
 * A draft as the canvas saves it: the DSL's `{ nodes, edges }` and whatever else the canvas keeps beside them
 * (viewport, notes), stored as it is. Only the shape is checked here; what is wrong with the workflow itself is
 * reported as `problems` (validateWorkflow), so a half-built draft can be saved.
 */
export const draftSchema = z.looseObject({
  nodes: z.array(z.looseObject({})).max(MAX_NODES, `must have at most ${MAX_NODES} nodes`),
  edges: z.array(z.looseObject({})).max(MAX_EDGES, `must have at most ${MAX_EDGES} edges`),
});

export type WorkflowDraft = z.infer<typeof draftSchema>;

/** A stable name for the public API; it cannot look like a workflow id, so the two never collide. */
export const aliasSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-", starting with a letter or digit')
  .refine((value) => !value.startsWith('workflow_'), 'must not start with "workflow_", which workflow ids use');

/** POST /api/workflows: a name; a new workflow without a draft starts as a start node joined to an end node. */
export const createWorkflowSchema = z.object({
  name,
  description: description.default(''),
  alias: aliasSchema.nullable().optional(),
  draft: draftSchema.optional(),
});

/** PATCH: any of these, each replaced whole; the alias takes effect at once, for the published version too. */
export const workflowChangesSchema = z.object({
  name: name.optional(),
  description: description.optional(),
  alias: aliasSchema.nullable().optional(),
  draft: draftSchema.optional(),
});

export type WorkflowChanges = z.infer<typeof workflowChangesSchema>;

/** One thing wrong with a draft, as packages/dsl reports it. */
export const problemView = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  field: z.string().optional(),
});

const summaryShape = {
  id: z.string(),
  alias: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  /** What validateWorkflow finds in the draft now; errors stop a publish and a debug run, warnings do not. */
  problems: z.array(problemView),
  publishedVersion: z.number().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** An item of the list: the workflow without its draft. */
export const workflowSummaryView = z.object(summaryShape);

export const workflowView = z.object({ ...summaryShape, draft: draftSchema });

export type WorkflowView = z.infer<typeof workflowView>;
export type WorkflowSummaryView = z.infer<typeof workflowSummaryView>;

/** What a version keeps: the draft with the name and description it was published under. */
export const snapshotSchema = z.object({ name: z.string(), description: z.string(), draft: draftSchema });

export type WorkflowSnapshot = z.infer<typeof snapshotSchema>;

export const versionView = z.object({ version: z.number(), publishedAt: z.string(), publishedBy: z.string().nullable(), snapshot: snapshotSchema });

export const workflowIdParams = z.object({ id: z.string().min(1).max(64) });

/**
 * POST /api/workflows/import: `file` is our export or the original astron-agent's (engine form or console export),
 * as an object or as its JSON or YAML text.
 */
export const importRequestSchema = z.object({
  file: z.union([z.string().min(1, 'must not be empty').max(10_000_000), z.looseObject({})]),
  alias: aliasSchema.nullable().optional(),
});

export const importWarningView = z.object({ code: z.string(), message: z.string(), nodeId: z.string().optional() });

export const exportFileView = z.object({ format: z.literal('astron-workflow'), formatVersion: z.literal(1), name: z.string(), description: z.string(), data: draftSchema });

/** A run's inputs: the start node's outputs by name. */
export const runRequestSchema = z.object({
  inputs: z.record(z.string(), z.unknown()).default({}),
  stream: z.boolean().default(false),
});

export const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -');

export const runParams = workflowIdParams.extend({ runId: runIdSchema });

export const resumeRequestSchema = z.object({
  answer: z.unknown().refine((value) => value !== undefined, 'is required'),
  nodeKey: z.string().min(1).max(1_000).optional(),
  stream: z.boolean().default(false),
});

export type ResumeRequest = z.infer<typeof resumeRequestSchema>;

export const listRunsQuery = z.object({
  status: z.enum(['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export type ListRunsQuery = z.infer<typeof listRunsQuery>;
