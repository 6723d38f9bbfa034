import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { httpUrlSchema, textOutputSchema } from '../schemas.js';
import { askAboutImage } from '../vision.js';

const SYSTEM =
  'You are an OCR engine. Transcribe all the text in the image exactly as written, in reading order, in its own language. ' +
  'Keep line breaks; render tables as Markdown tables. Output only the transcribed text, with no comment; output nothing if the image has no text.';

export const ocr = defineTool({
  name: 'ocr',
  title: 'Text recognition (OCR)',
  description: 'Reads the text in an image (a photo, a scan, a screenshot), given by URL or uploaded.',
  inputSchema: z.object({
    imageUrl: httpUrlSchema.optional().describe('the image; or upload it as the multipart field "file"'),
    language: z.string().trim().min(1).max(64).optional().describe('the language of the text, when known'),
  }),
  outputSchema: textOutputSchema,
  models: { required: ['vision'] },
  upload: { replaces: 'imageUrl', accepts: 'image/*' },
  async run({ imageUrl, language }, context) {
    const question = language === undefined ? 'Transcribe the text in this image.' : `Transcribe the text in this image; it is written in ${language}.`;
    const { text, usage } = await askAboutImage(imageUrl, { system: SYSTEM, question }, context);
    return { outputs: { text }, usage };
  },
});
