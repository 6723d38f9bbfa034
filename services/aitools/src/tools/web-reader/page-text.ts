import { convert } from 'html-to-text';

const htmlOptions = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'nav', format: 'skip' },
    { selector: 'footer', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
  ],
};

function titleOf(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<meta[^>]+property=["']og:title["'][^>]*content=["']([^"']*)["']/i.exec(html)?.[1];
  return title === undefined ? '' : convert(title, { wordwrap: false }).trim();
}

/** The title and readable text of a page; null when the content type is not something to read. */
export function pageText(contentType: string, body: string): { title: string; text: string } | null {
  const type = contentType.toLowerCase();
  if (type.includes('html') || (type === '' && /<html|<body/i.test(body))) return { title: titleOf(body), text: convert(body, htmlOptions).trim() };
  if (type.startsWith('text/') || type.includes('json') || type.includes('xml')) return { title: '', text: body.trim() };
  return null;
}
