import { convert } from 'html-to-text';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';

const DEFAULT_CHARACTERS = 8_000;

const htmlOptions = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'nav', format: 'skip' },
    { selector: 'footer', format: 'skip' },
    { selector: 'head', format: 'skip' },
  ],
};

function titleOf(html: string): string {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  return match?.[1] === undefined ? '' : convert(match[1], { wordwrap: false }).trim();
}

/** Readable text of a page; private and internal addresses are refused by the egress client (EGRESS_*). */
export const webReader = defineTool({
  name: 'web_reader',
  description: 'Reads a web page (http or https URL) and returns its title and text.',
  inputSchema: z.object({
    url: z.url({ protocol: /^https?$/ }).describe('the page to read'),
    maxCharacters: z.number().int().min(100).max(50_000).optional().describe(`longest text returned, default ${DEFAULT_CHARACTERS}`),
  }),
  timeoutMs: 20_000,
  async run({ url, maxCharacters }, context) {
    const response = await context.egress.request(url, {
      headers: { accept: 'text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.1' },
      signal: context.signal,
    });
    if (!response.ok) throw new Error(`${response.url} answered HTTP ${response.status} ${response.statusText}`.trim());
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    const body = await response.text();
    let title = '';
    let text: string;
    if (type.includes('html') || (type === '' && /<html|<body/i.test(body))) {
      title = titleOf(body);
      text = convert(body, htmlOptions).trim();
    } else if (type.startsWith('text/') || type.includes('json') || type.includes('xml')) {
      text = body.trim();
    } else {
      throw new Error(`${response.url} is ${type}, not a readable page`);
    }
    const limit = maxCharacters ?? DEFAULT_CHARACTERS;
    const truncated = text.length > limit;
    return { url: response.url, title, text: truncated ? text.slice(0, limit) : text, truncated };
  },
});
