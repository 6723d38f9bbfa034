import { validationFailed } from '@astron/kit/errors';
import { z } from 'zod';
import type { ChunkingSettings, RetrievalSettings } from '../store/tables.js';

/** `<providerId>/<modelId>`: a model of one of the space's providers, resolved through the hub when used. */
export const modelReference = z.string().max(300).regex(/^[^/\s]+\/\S+$/, 'must be <providerId>/<modelId>');

const chunkingFields = {
  mode: z.enum(['recursive', 'heading', 'separator']),
  maxTokens: z.number().int().min(64).max(4096),
  overlapTokens: z.number().int().min(0).max(4095),
  separator: z.string().min(1).max(100),
};

function checkChunking(value: { mode: string; maxTokens: number; overlapTokens: number; separator?: string | undefined }, context: z.RefinementCtx): void {
  if (value.overlapTokens >= value.maxTokens) context.addIssue({ code: 'custom', path: ['overlapTokens'], message: 'must be less than maxTokens' });
  if (value.mode === 'separator' && value.separator === undefined) context.addIssue({ code: 'custom', path: ['separator'], message: 'is required in separator mode' });
}

export const chunkingSchema: z.ZodType<ChunkingSettings> = z
  .object({
    mode: chunkingFields.mode.default('recursive'),
    maxTokens: chunkingFields.maxTokens.default(512),
    overlapTokens: chunkingFields.overlapTokens.default(64),
    separator: chunkingFields.separator.optional(),
  })
  .superRefine(checkChunking);

/** Some chunking fields, laid over the base's settings (PATCH, a preview's override). */
export const chunkingPatchSchema = z.object({
  mode: chunkingFields.mode.optional(),
  maxTokens: chunkingFields.maxTokens.optional(),
  overlapTokens: chunkingFields.overlapTokens.optional(),
  separator: chunkingFields.separator.optional(),
});

export const retrievalSchema: z.ZodType<RetrievalSettings> = z.object({
  mode: z.enum(['hybrid', 'vector', 'fulltext']).default('hybrid'),
  topK: z.number().int().min(1).max(50).default(5),
  scoreThreshold: z.number().min(0).max(1).default(0),
  rerankModel: modelReference.nullable().default(null),
});

export const retrievalPatchSchema = z.object({
  mode: z.enum(['hybrid', 'vector', 'fulltext']).optional(),
  topK: z.number().int().min(1).max(50).optional(),
  scoreThreshold: z.number().min(0).max(1).optional(),
  rerankModel: modelReference.nullable().optional(),
});

/** Lays `patch` over `current` and checks the whole again (overlap below the new budget, and so on). */
export function mergeSettings<T>(schema: z.ZodType<T>, field: string, current: T, patch: object): T {
  const merged = schema.safeParse({ ...current, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) });
  if (merged.success) return merged.data;
  const details = merged.error.issues.map((issue) => ({ field: [field, ...issue.path.map(String)].join('.'), message: issue.message }));
  throw validationFailed(details.map((item) => `${item.field}: ${item.message}`).join('; '), details);
}
