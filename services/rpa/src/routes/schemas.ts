import { z } from 'zod';

/**
 * The original's RPAExecutionRequest (core/plugin/rpa/api/schemas/execution_schema.py): `sid` and `exec_position`
 * optional ("" and "EXECUTOR" when absent or null), `params` an optional object. Ours also refuses an empty
 * project id and bounds the lengths, so the record can keep them.
 */
export const execBodySchema = z.object({
  sid: z.string().max(128).nullish(),
  project_id: z.string().trim().min(1, 'must not be empty').max(200),
  exec_position: z.string().trim().min(1, 'must not be empty').max(64).nullish(),
  params: z.record(z.string(), z.unknown()).nullish(),
});

export type ExecBody = z.infer<typeof execBodySchema>;

export const execQuerySchema = z.object({
  /** Progress frames (`event: task-created`, `event: task-progress`) before the final one; off by default. */
  progress: z.enum(['true', 'false', '1', '0']).optional(),
});

export const taskStatusSchema = z.enum(['pending', 'running', 'completed', 'failed', 'timeout', 'cancelled', 'error']);

export const listTasksQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().regex(/^[0-9a-f]{16}$/, 'must be a task id').optional(),
  project_id: z.string().min(1).max(200).optional(),
  status: taskStatusSchema.optional(),
});

export const taskParams = z.object({ taskId: z.string().regex(/^[0-9a-f]{16}$/, 'must be a task id (16 hex digits)') });
