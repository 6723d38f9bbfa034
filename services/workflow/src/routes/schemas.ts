import { z } from 'zod';

export const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -');

/**
 * A run request from the hub: the version's workflow, validated when it was saved and published. Model references
 * (`<providerId>/<modelId>`) stay references: nodes resolve them through the hub when they run, so no provider key
 * is ever stored with a run (docs/decisions/0010).
 */
const workflowDocumentSchema = z.object({
  nodes: z.array(z.looseObject({ id: z.string().min(1).max(200), data: z.looseObject({}) })).min(2).max(2_000),
  edges: z.array(z.looseObject({ sourceNodeId: z.string(), targetNodeId: z.string() })).max(10_000),
});

export const startRunSchema = z.object({
  workflowId: z.string().min(1).max(64),
  version: z.number().int().min(1).nullable().default(null),
  workflow: workflowDocumentSchema,
  /** The published workflows its flow nodes run (by packages/dsl `subflowKey`), resolved by the hub at the start. */
  subflows: z.record(z.string().max(200), z.object({ workflowId: z.string().min(1).max(64), version: z.number().int().min(1), name: z.string().max(200).optional(), description: z.string().max(2000).optional(), workflow: workflowDocumentSchema })).default({}),
  inputs: z.record(z.string(), z.unknown()).default({}),
  /** The conversation the run belongs to (the original's `history`), oldest first; LLM nodes may use its last rounds. */
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(1_000_000) })).max(1_000).default([]),
  /** The conversation (the original's chat_id): conversation variables are kept per chat. */
  chatId: z.string().min(1).max(128).optional(),
  stream: z.boolean().default(false),
  /** `events`: our SSE events; `astron`: the original astron-agent's frames (its open API's stream). */
  format: z.enum(['events', 'astron']).default('events'),
});

export const listRunsQuery = z.object({
  workflowId: z.string().min(1).max(64),
  status: z.enum(['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const resumeSchema = z.object({
  answer: z.unknown().refine((value) => value !== undefined, 'is required'),
  nodeKey: z.string().max(1_000).optional(),
  stream: z.boolean().default(false),
  format: z.enum(['events', 'astron']).default('events'),
});
