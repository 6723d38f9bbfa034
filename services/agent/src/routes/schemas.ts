import { z } from 'zod';

export const errorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

export const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -');

const toolReferenceSchema = z.union([
  z.string().min(1).max(64),
  z.object({ name: z.string().min(1).max(64), provider: z.string().min(1).max(64).optional(), options: z.record(z.string(), z.unknown()).optional() }),
]);

export const definitionSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  instructions: z.string().max(200_000).default(''),
  model: z.string().min(1).max(200).optional(),
  parameters: z
    .object({
      temperature: z.number().min(0).max(2).optional(),
      maxTokens: z.number().int().min(1).max(1_000_000).optional(),
      topP: z.number().min(0).max(1).optional(),
    })
    .default({}),
  tools: z.array(toolReferenceSchema).max(128).default([]),
  strategy: z.enum(['function-calling', 'react', 'auto']).default('auto'),
  maxSteps: z.number().int().min(1).max(100).default(8),
  memory: z
    .object({ enabled: z.boolean().default(true), maxTokens: z.number().int().min(64).max(2_000_000).default(8_000) })
    .prefault({}),
});

export const modelEndpointSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  apiKey: z.string().max(8_192).nullable().default(null),
  headers: z.record(z.string(), z.string().max(8_192)).default({}),
  model: z.string().min(1).max(200),
  supportsTools: z.boolean().optional(),
});

export const turnSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string().max(1_000_000) });

export const runRequestSchema = z.object({
  definition: definitionSchema,
  model: modelEndpointSchema,
  messages: z.array(turnSchema).min(1, 'must hold at least the user message').max(1_000),
  conversationId: conversationIdSchema.optional(),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  stream: z.boolean().default(false),
});

export type RunRequestBody = z.infer<typeof runRequestSchema>;
