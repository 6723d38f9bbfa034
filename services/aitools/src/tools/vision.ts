import type { LlmMessage, Usage } from '@astron/llm';
import { completeChat } from '../models/chat.js';
import type { ToolContext } from './define-tool.js';
import { imageKindOf, inputFile } from './file-input.js';

/**
 * Asks the vision model about an image. The image goes inline as a data URL: the model never fetches a user's URL
 * (ours went through the egress client), and models on a private network need no internet access.
 */
export async function askAboutImage(imageUrl: string | undefined, instructions: { system?: string; question: string }, context: ToolContext): Promise<{ text: string; usage: Usage }> {
  const image = await inputFile(imageUrl, 'imageUrl', context);
  const kind = imageKindOf(image);
  const endpoint = await context.model('vision');
  const messages: LlmMessage[] = [
    ...(instructions.system === undefined ? [] : [{ role: 'system' as const, content: instructions.system }]),
    {
      role: 'user',
      content: [
        { type: 'text', text: instructions.question },
        { type: 'image_url', image_url: { url: `data:${kind.contentType};base64,${image.bytes.toString('base64')}` } },
      ],
    },
  ];
  return completeChat(endpoint, messages, { timeoutMs: context.limits.modelTimeoutMs, signal: context.signal });
}
