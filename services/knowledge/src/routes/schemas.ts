import { z } from 'zod';
import { chunkingPatchSchema, chunkingSchema, modelReference, retrievalPatchSchema, retrievalSchema } from '../domain/settings.js';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -');

export const baseParams = z.object({ kbId: id });
export const documentParams = z.object({ kbId: id, docId: id });
export const chunkParams = z.object({ kbId: id, docId: id, chunkId: id });

const name = z.string().trim().min(1).max(100);

export const createBaseSchema = z.object({
  name,
  description: z.string().max(2_000).default(''),
  backend: z.enum(['builtin', 'ragflow']).default('builtin'),
  /** Required for the built-in backend (the domain says so with a clear code). */
  embeddingModel: modelReference.optional(),
  chunking: chunkingSchema.default(chunkingSchema.parse({})),
  retrieval: retrievalSchema.default(retrievalSchema.parse({})),
});

export const updateBaseSchema = z.object({
  name: name.optional(),
  description: z.string().max(2_000).optional(),
  embeddingModel: modelReference.optional(),
  chunking: chunkingPatchSchema.optional(),
  retrieval: retrievalPatchSchema.optional(),
});

const documentFields = {
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(4_096).optional(),
  name: z.string().trim().min(1).max(255).optional(),
  text: z.string().min(1).optional(),
};

type DocumentFields = { url?: string | undefined; name?: string | undefined; text?: string | undefined };

function oneSource(value: DocumentFields, context: z.RefinementCtx): void {
  if (value.url !== undefined && value.text !== undefined) context.addIssue({ code: 'custom', path: ['url'], message: 'give either url or name and text, not both' });
  if (value.url === undefined && value.text === undefined) context.addIssue({ code: 'custom', path: ['text'], message: 'give url, or name and text (or upload a file as multipart)' });
  if (value.text !== undefined && value.name === undefined) context.addIssue({ code: 'custom', path: ['name'], message: 'is required with text' });
}

/** A document by URL or as pasted text (JSON); files come as multipart (document-input.ts). */
export const documentJsonSchema = z.object(documentFields).superRefine(oneSource);

export const previewJsonSchema = z.object({ ...documentFields, chunking: chunkingPatchSchema.optional() }).superRefine(oneSource);

export const listDocumentsQuery = z.object({
  status: z.enum(['queued', 'parsing', 'embedding', 'ready', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const listChunksQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().min(1).max(200).optional(),
});

const chunkText = z.string().trim().min(1).max(100_000);

export const addChunkSchema = z.object({ content: chunkText });

export const updateChunkSchema = z
  .object({ content: chunkText.optional(), enabled: z.boolean().optional() })
  .refine((value) => value.content !== undefined || value.enabled !== undefined, 'give content or enabled');
