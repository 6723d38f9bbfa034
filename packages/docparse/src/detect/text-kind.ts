import { unsupportedType } from '../errors.js';
import { detectDelimiter } from '../parse/csv-reader.js';
import type { DocumentType } from '../types.js';

type TextType = Extract<DocumentType, 'html' | 'markdown' | 'csv' | 'text'>;

const BY_EXTENSION: Record<string, TextType> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  csv: 'csv',
  tsv: 'csv',
  txt: 'text',
  text: 'text',
  log: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
};

/** Leading whitespace, comments, an XML declaration: what may come before the first real tag of a page. */
const PREAMBLE = /^(?:\s+|<!--[\s\S]*?-->|<\?xml[^>]*\?>)*/;
const DOCUMENT_START = /^<(?:!doctype\s+html|html|head|body)[\s>]/i;
const FRAGMENT_START =
  /^<(?:div|p|table|h[1-6]|ul|ol|section|article|main|header|span|a|meta|title|link)[\s>/]/i;
const CLOSING_BLOCK = /<\/(?:div|p|table|h[1-6]|ul|ol|section|article|main|header|span|a|title)>/i;
const MARKDOWN_HEADING = /^#{1,6}[ \t]+\S/m;

export function extensionOf(name: string | undefined): string | undefined {
  const match = /\.([a-z0-9]+)$/i.exec(name ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * Which text type `text` is. An HTML page is HTML whatever its name; otherwise a known extension decides among the
 * text types; without one, the content does: an HTML fragment, Markdown headings, a consistent CSV table, or text.
 */
export function classifyText(text: string, name: string | undefined): TextType {
  const start = text.slice(0, 64 * 1024).replace(PREAMBLE, '');
  if (DOCUMENT_START.test(start)) return 'html';
  if (/^<svg[\s>]/i.test(start)) throw unsupportedType('an SVG image');
  const byName = BY_EXTENSION[extensionOf(name) ?? ''];
  if (byName !== undefined) return byName;
  const hasHeadings = MARKDOWN_HEADING.test(start);
  if (FRAGMENT_START.test(start) && CLOSING_BLOCK.test(start) && !hasHeadings) return 'html';
  if (hasHeadings) return 'markdown';
  if (detectDelimiter(text) !== undefined) return 'csv';
  return 'text';
}
