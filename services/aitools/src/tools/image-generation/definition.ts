import { AppError } from '@astron/kit/errors';
import { z } from 'zod';
import { sniffImage } from '../../files/sniff.js';
import { generateImage } from '../../models/media.js';
import { defineTool } from '../define-tool.js';
import { storedFileSchema } from '../schemas.js';

export const imageGeneration = defineTool({
  name: 'image_generation',
  title: 'Image generation',
  description: 'Draws an image from a text prompt and returns a link to it (PNG, JPEG or WebP, as the model makes it).',
  inputSchema: z.object({
    prompt: z.string().trim().min(1).max(4_000).describe('what to draw'),
    size: z
      .string()
      .regex(/^\d{2,5}x\d{2,5}$/, 'expected WIDTHxHEIGHT such as 1024x1024')
      .optional()
      .describe('WIDTHxHEIGHT among the sizes the model supports; the model decides when absent'),
  }),
  outputSchema: storedFileSchema.extend({
    markdown: z.string().describe('the image as Markdown, ![](url)'),
    revisedPrompt: z.string().nullable().describe('the prompt the model actually drew, when it rewrote it'),
  }),
  models: { required: ['image'] },
  async run({ prompt, size }, context) {
    const endpoint = await context.model('image');
    const options = { timeoutMs: context.limits.modelTimeoutMs, maxBytes: context.limits.maxFileBytes, signal: context.signal };
    const image = await generateImage(endpoint, { prompt, ...(size === undefined ? {} : { size }) }, options);
    // A URL answer points at the provider's storage or a CDN: fetched like any URL a user gives.
    const bytes = image.kind === 'bytes' ? image.bytes : (await context.readFile(image.url)).bytes;
    const kind = sniffImage(bytes);
    if (kind === null) throw new AppError({ code: 'model_error', status: 502, message: `the model ${endpoint.model} answered something that is not a PNG, JPEG, WebP or GIF image` });
    if (bytes.length > context.limits.maxFileBytes) {
      throw new AppError({ code: 'model_error', status: 502, message: `the model ${endpoint.model} made an image of ${bytes.length} bytes, more than AITOOLS_MAX_FILE_MB allows` });
    }
    const stored = await context.files.save(context.caller.spaceId, bytes, kind);
    return { outputs: { ...stored, markdown: `![](${stored.url})`, revisedPrompt: image.revisedPrompt } };
  },
});
