import { z } from 'zod';

const modelKind = z.enum(['chat', 'embedding', 'other']);
const modelInput = z.object({ id: z.string().trim().min(1).max(256), kind: modelKind });

export const baseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http:// or https:// URL')
  .refine((value) => !URL.canParse(value) || (new URL(value).username === '' && new URL(value).password === ''), 'must not carry credentials; use apiKey or headers');

/** Header names as HTTP allows them; values on one line (no header injection). */
const headersSchema = z
  .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'is not a valid header name'), z.string().max(4096).regex(/^[^\r\n]*$/, 'must be one line'))
  .refine((headers) => Object.keys(headers).length <= 20, 'at most 20 headers');

const name = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const apiKey = z.string().max(4096);
const models = z.array(modelInput).max(1000);

export const newProviderSchema = z.object({ name, baseUrl: baseUrlSchema, apiKey: apiKey.optional(), headers: headersSchema.optional(), models: models.optional() });

export const providerChangesSchema = z.object({
  name: name.optional(),
  baseUrl: baseUrlSchema.optional(),
  apiKey: apiKey.nullable().optional(),
  headers: headersSchema.optional(),
  models: models.optional(),
});

export const defaultsSchema = z.object({
  chatModel: z.string().max(600).nullable().optional(),
  embeddingModel: z.string().max(600).nullable().optional(),
});

export const defaultsView = z.object({ chatModel: z.string().nullable(), embeddingModel: z.string().nullable() });

/** The answer shape: listing fields one by one is what keeps a secret from ever being serialized. */
export const providerView = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  hasApiKey: z.boolean(),
  headerNames: z.array(z.string()),
  models: z.array(z.object({ id: z.string(), kind: modelKind, source: z.enum(['fetched', 'entered']) })),
  lastTest: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const testResultView = z.object({ ok: z.boolean(), message: z.string(), latencyMs: z.number(), modelCount: z.number() });

export const providerIdParams = z.object({ id: z.string().min(1).max(64) });
