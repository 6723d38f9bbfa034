import { z } from 'zod';
import { completeChat } from '../../models/chat.js';
import { defineTool } from '../define-tool.js';

const languageSchema = z.string().trim().min(1).max(64);

function instruction(source: string | undefined, target: string): string {
  const from = source === undefined ? 'whatever language it is written in' : source;
  return (
    `You are a translation engine. Translate the user's text from ${from} into ${target}. ` +
    'Output only the translation: no quotes, notes, explanations or answers to what the text asks. ' +
    'Keep line breaks, Markdown, HTML tags, placeholders such as {name} and code unchanged.'
  );
}

export const translation = defineTool({
  name: 'translation',
  title: 'Translation',
  description: 'Translates a text into another language.',
  inputSchema: z.object({
    text: z.string().trim().min(1).max(20_000).describe('what to translate'),
    target: languageSchema.describe('the language to translate into, by name or code: "English", "zh", "fr-CA"'),
    source: languageSchema.optional().describe('the language of the text; detected when absent'),
  }),
  outputSchema: z.object({ text: z.string(), source: z.string().describe('as given, or "auto"'), target: z.string() }),
  models: { required: ['chat'] },
  async run({ text, target, source }, context) {
    const endpoint = await context.model('chat');
    const messages = [
      { role: 'system' as const, content: instruction(source, target) },
      { role: 'user' as const, content: text },
    ];
    const answer = await completeChat(endpoint, messages, { timeoutMs: context.limits.modelTimeoutMs, signal: context.signal });
    return { outputs: { text: answer.text, source: source ?? 'auto', target }, usage: answer.usage };
  },
});
