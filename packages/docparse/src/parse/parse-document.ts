import { sniff } from '../detect/sniff.js';
import { DocumentError, empty, tooLarge, tooLargeUnpacked } from '../errors.js';
import type { DocumentType, ParsedDocument, ParseOptions } from '../types.js';
import { parseCsv } from './csv.js';
import { parseDocx } from './docx.js';
import { parseHtml } from './html.js';
import { parseMarkdown } from './markdown.js';
import { parsePdf } from './pdf.js';
import { parseText } from './text.js';
import { parseXlsx } from './xlsx.js';

/**
 * What a Word or Excel file may declare it unpacks to; real documents stay far below it. Declared sizes can lie:
 * JSZip rejects an entry whose real size differs, but only after inflating it, so a crafted zip bomb still
 * costs memory. Callers that take uploads from strangers should parse in a worker with a memory limit.
 */
const MAX_UNPACKED_BYTES = 512 * 2 ** 20;

const LABELS: Record<DocumentType, string> = {
  pdf: 'PDF',
  docx: 'Word document',
  xlsx: 'Excel workbook',
  html: 'HTML page',
  markdown: 'Markdown file',
  csv: 'CSV file',
  text: 'text file',
};

async function parseByType(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocument> {
  const sniffed = sniff(bytes, options.name);
  switch (sniffed.type) {
    case 'pdf':
      return parsePdf(bytes, options.maxPages);
    case 'docx':
    case 'xlsx':
      if (sniffed.zip.unpackedBytes > MAX_UNPACKED_BYTES)
        throw tooLargeUnpacked(sniffed.zip.unpackedBytes, MAX_UNPACKED_BYTES);
      return sniffed.type === 'docx' ? parseDocx(bytes) : parseXlsx(bytes);
    case 'html':
      return parseHtml(sniffed.text);
    case 'markdown':
      return parseMarkdown(sniffed.text);
    case 'csv':
      return parseCsv(sniffed.text, options.name);
    case 'text':
      return parseText(sniffed.text);
  }
}

/**
 * Reads a document into sections that keep what helps retrieval: headings, pages, tables. The type comes from the
 * bytes (see detectDocumentType). Every failure is a `DocumentError`: `too_large` over `maxBytes` or `maxPages`,
 * `unsupported_type`, `unreadable` for a damaged PDF, Word or Excel file, `empty` when no text is found.
 */
export async function parseDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedDocument> {
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes)
    throw tooLarge(bytes.length, options.maxBytes);
  if (bytes.length === 0) throw new DocumentError('empty', 'This file is empty.');
  const parsed = await parseByType(bytes, options);
  parsed.sections = parsed.sections.filter((section) => section.text.trim() !== '');
  if (parsed.sections.length === 0) {
    throw empty(
      LABELS[parsed.type],
      parsed.type === 'pdf' ? ' that can be extracted (scanned pages need OCR first)' : '',
    );
  }
  return parsed;
}
