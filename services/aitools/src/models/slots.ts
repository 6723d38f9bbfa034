import { AppError } from '@astron/kit/errors';
import { z } from 'zod';

/**
 * The kinds of model the tools use. A call names one model reference per kind it needs (`models.image =
 * "<providerId>/<modelId>"`); the hub fills in the space's defaults, so translation and page summaries share the
 * space's chat model, and OCR and image understanding its vision model.
 */
export const modelSlots = ['image', 'speech', 'transcription', 'vision', 'chat'] as const;

export type ModelSlot = (typeof modelSlots)[number];

export type ModelChoice = Partial<Record<ModelSlot, string>>;

const slotDescriptions: Record<ModelSlot, string> = {
  image: 'an image generation model (OpenAI-compatible /images/generations, e.g. gpt-image-1 or dall-e-3)',
  speech: 'a text-to-speech model (/audio/speech, e.g. tts-1)',
  transcription: 'a speech-to-text model (/audio/transcriptions, e.g. whisper-1)',
  vision: 'a chat model that reads images (/chat/completions with image parts, e.g. gpt-4o)',
  chat: 'a chat model (/chat/completions, e.g. gpt-4o-mini)',
};

export const modelReferenceSchema = z
  .string()
  .trim()
  .max(300)
  .regex(/^[^/\s]+\/\S.*$/, 'expected a model reference <providerId>/<modelId>');

export const modelChoiceSchema: z.ZodType<ModelChoice> = z
  .object(Object.fromEntries(modelSlots.map((slot) => [slot, modelReferenceSchema.optional()])) as Record<ModelSlot, z.ZodOptional<typeof modelReferenceSchema>>)
  .strict();

/** What to set so that a tool needing `slot` becomes available: the space's default model of that kind. */
export function missingModelMessage(slot: ModelSlot): string {
  return `no ${slot} model is configured for this space: it needs ${slotDescriptions[slot]}; add a provider offering one and choose it as the space's default ${slot} model (models.${slot} = "<providerId>/<modelId>")`;
}

export function modelNotConfigured(tool: string, slot: ModelSlot): AppError {
  return new AppError({ code: 'model_not_configured', status: 400, message: `${tool}: ${missingModelMessage(slot)}`, details: { tool, slot } });
}
