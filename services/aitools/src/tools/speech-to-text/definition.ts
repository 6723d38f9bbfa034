import { z } from 'zod';
import { transcribeAudio } from '../../models/media.js';
import { defineTool } from '../define-tool.js';
import { audioKindOf, inputFile } from '../file-input.js';
import { httpUrlSchema, textOutputSchema } from '../schemas.js';

export const speechToText = defineTool({
  name: 'speech_to_text',
  title: 'Speech to text',
  description: 'Writes down what is said in an audio file (WAV, MP3, Ogg, FLAC, M4A or WebM), given by URL or uploaded.',
  inputSchema: z.object({
    url: httpUrlSchema.optional().describe('the audio file; or upload it as the multipart field "file"'),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'expected an ISO 639-1 code such as en or zh')
      .optional()
      .describe('the language spoken, when known (ISO 639-1); it helps accuracy'),
    prompt: z.string().max(1_000).optional().describe('words or names to expect, in the language spoken'),
  }),
  outputSchema: textOutputSchema,
  models: { required: ['transcription'] },
  upload: { replaces: 'url', accepts: 'audio/*' },
  async run({ url, language, prompt }, context) {
    const file = await inputFile(url, 'url', context);
    // Providers tell the format by the file name's extension, so it is named after what the bytes are.
    const kind = audioKindOf(file);
    const endpoint = await context.model('transcription');
    const request = { bytes: file.bytes, fileName: `audio.${kind.extension}`, contentType: kind.contentType, ...(language === undefined ? {} : { language }), ...(prompt === undefined ? {} : { prompt }) };
    const text = await transcribeAudio(endpoint, request, { timeoutMs: context.limits.modelTimeoutMs, maxBytes: context.limits.maxFileBytes, signal: context.signal });
    return { outputs: { text } };
  },
});
