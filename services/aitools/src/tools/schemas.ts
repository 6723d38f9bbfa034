import { z } from 'zod';

/** A file a tool made, as every tool returns it. */
export const storedFileSchema = z.object({
  url: z.string().describe('signed link to the file; anyone holding it can download it until expiresAt'),
  expiresAt: z.string().describe('when the link stops working (ISO 8601)'),
  contentType: z.string(),
  size: z.number().int().describe('bytes'),
});

export const httpUrlSchema = z.url({ protocol: /^https?$/, error: 'expected an http or https URL' }).max(4_000);

export const textOutputSchema = z.object({ text: z.string() });
