import { createModelClient, type LlmMessage, type ModelEndpoint, type Usage } from '@astron/llm';

/** One chat completion at temperature 0 (the tools want the same answer for the same input), its text and usage. */
export async function completeChat(endpoint: ModelEndpoint, messages: LlmMessage[], options: { timeoutMs: number; signal: AbortSignal }): Promise<{ text: string; usage: Usage }> {
  const client = createModelClient(endpoint, { temperature: 0 }, options.timeoutMs);
  const reply = await client.complete({ messages, signal: options.signal });
  return { text: reply.content.trim(), usage: reply.usage };
}
