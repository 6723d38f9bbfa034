import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { httpUrlSchema, textOutputSchema } from '../schemas.js';
import { askAboutImage } from '../vision.js';

export const imageUnderstanding = defineTool({
  name: 'image_understanding',
  title: 'Image understanding',
  description: 'Answers a question about an image (PNG, JPEG, WebP or GIF), given by URL or uploaded.',
  inputSchema: z.object({
    question: z.string().trim().min(1).max(4_000).describe('what to ask about the image'),
    imageUrl: httpUrlSchema.optional().describe('the image; or upload it as the multipart field "file"'),
  }),
  outputSchema: textOutputSchema,
  models: { required: ['vision'] },
  upload: { replaces: 'imageUrl', accepts: 'image/*' },
  async run({ question, imageUrl }, context) {
    const { text, usage } = await askAboutImage(imageUrl, { question }, context);
    return { outputs: { text }, usage };
  },
});
