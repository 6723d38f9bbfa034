import { z } from 'zod';
import type { FileKind } from '../../files/sniff.js';
import { synthesizeSpeech } from '../../models/media.js';
import { defineTool } from '../define-tool.js';
import { storedFileSchema } from '../schemas.js';

/** What is stored is typed by the format asked for, never by what the provider declares. */
const formats = {
  mp3: { contentType: 'audio/mpeg', extension: 'mp3' },
  opus: { contentType: 'audio/ogg', extension: 'opus' },
  aac: { contentType: 'audio/aac', extension: 'aac' },
  flac: { contentType: 'audio/flac', extension: 'flac' },
  wav: { contentType: 'audio/wav', extension: 'wav' },
} satisfies Record<string, FileKind>;

export const textToSpeech = defineTool({
  name: 'text_to_speech',
  title: 'Text to speech',
  description: 'Reads a text aloud and returns a link to the audio.',
  inputSchema: z.object({
    text: z.string().trim().min(1).max(4_096).describe('what to say'),
    voice: z.string().trim().min(1).max(64).default('alloy').describe("one of the model's voices (OpenAI: alloy, echo, fable, onyx, nova, shimmer ...)"),
    format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav']).default('mp3'),
    speed: z.number().min(0.25).max(4).optional().describe('1 is normal'),
    instructions: z.string().trim().min(1).max(2_000).optional().describe('how to speak (tone, accent), for models that take it'),
  }),
  outputSchema: storedFileSchema.extend({ format: z.string() }),
  models: { required: ['speech'] },
  async run({ text, voice, format, speed, instructions }, context) {
    const endpoint = await context.model('speech');
    const request = { input: text, voice, format, ...(speed === undefined ? {} : { speed }), ...(instructions === undefined ? {} : { instructions }) };
    const audio = await synthesizeSpeech(endpoint, request, { timeoutMs: context.limits.modelTimeoutMs, maxBytes: context.limits.maxFileBytes, signal: context.signal });
    const stored = await context.files.save(context.caller.spaceId, audio.bytes, formats[format]);
    return { outputs: { ...stored, format } };
  },
});
