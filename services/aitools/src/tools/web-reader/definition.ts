import { AppError, badRequest } from '@astron/kit/errors';
import { z } from 'zod';
import { completeChat } from '../../models/chat.js';
import { defineTool } from '../define-tool.js';
import { httpUrlSchema } from '../schemas.js';
import { pageText } from './page-text.js';

const DEFAULT_CHARACTERS = 20_000;

function summaryInstruction(language: string | undefined): string {
  return (
    'Summarize the web page the user gives in a few short paragraphs: what it is, its main points, and the facts, names and numbers that matter. ' +
    `Answer in ${language ?? "the page's own language"}, with no preamble.`
  );
}

export const webReader = defineTool({
  name: 'web_reader',
  title: 'Web page reader',
  description: 'Reads a web page (an http or https URL on the public internet) and returns its title and text, optionally summarized.',
  inputSchema: z.object({
    url: httpUrlSchema.describe('the page to read'),
    summarize: z.boolean().default(false).describe('also summarize the page with the chat model'),
    summaryLanguage: z.string().trim().min(1).max(64).optional().describe("the summary's language; the page's when absent"),
    maxCharacters: z.number().int().min(100).max(200_000).default(DEFAULT_CHARACTERS).describe('longest text returned (and summarized)'),
  }),
  outputSchema: z.object({
    url: z.string().describe('the page read, after redirects'),
    title: z.string(),
    text: z.string(),
    truncated: z.boolean(),
    summary: z.string().nullable(),
  }),
  models: { required: [], optional: ['chat'] },
  async run({ url, summarize, summaryLanguage, maxCharacters }, context) {
    // Asked first, so a call that wants a summary without a chat model fails before fetching anything.
    const chat = summarize ? await context.model('chat') : null;
    const response = await context.egress.request(url, { headers: { accept: 'text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.1' }, signal: context.signal });
    if (!response.ok) throw badRequest(`the page ${response.url} could not be read: it answered HTTP ${response.status}`, { url: response.url, status: response.status }, 'input_url_failed');
    const contentType = response.headers.get('content-type') ?? '';
    const page = pageText(contentType, await response.text());
    if (page === null) throw new AppError({ code: 'unsupported_file_type', status: 415, message: `${response.url} is ${contentType}, not a page to read`, details: { contentType } });
    const truncated = page.text.length > maxCharacters;
    const text = truncated ? page.text.slice(0, maxCharacters) : page.text;
    if (chat === null) return { outputs: { url: response.url, title: page.title, text, truncated, summary: null } };
    const messages = [
      { role: 'system' as const, content: summaryInstruction(summaryLanguage) },
      { role: 'user' as const, content: `Title: ${page.title}\nURL: ${response.url}\n\n${text}` },
    ];
    const answer = await completeChat(chat, messages, { timeoutMs: context.limits.modelTimeoutMs, signal: context.signal });
    return { outputs: { url: response.url, title: page.title, text, truncated, summary: answer.text }, usage: answer.usage };
  },
});
