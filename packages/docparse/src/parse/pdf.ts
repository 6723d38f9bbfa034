import { DocumentError, tooManyPages, unreadable } from '../errors.js';
import type { ParsedDocument, Section } from '../types.js';
import { tidy } from './sections.js';

interface TextItem {
  str: string;
  hasEOL: boolean;
  height: number;
  transform: number[];
}

/** A gap between lines taller than this many line heights starts a new paragraph. */
const PARAGRAPH_GAP = 1.6;

/**
 * The text of a page as pdf.js lays it out: line ends where it sees them, a blank line where the vertical gap
 * says a paragraph ended, and words hyphenated across a line break joined again ("infor-\nmation").
 */
export function pageText(items: TextItem[]): string {
  let text = '';
  let previous: TextItem | undefined;
  for (const item of items) {
    if (previous?.hasEOL === true) {
      const gap = (previous.transform[5] ?? 0) - (item.transform[5] ?? 0);
      if (gap > PARAGRAPH_GAP * Math.max(item.height, previous.height, 1)) text += '\n';
    }
    text += item.str + (item.hasEOL ? '\n' : '');
    previous = item;
  }
  return tidy(text.replace(/(\p{L})[-\u00ad]\n(?=\p{Ll})/gu, '$1'));
}

function failure(error: unknown): DocumentError {
  if (error instanceof DocumentError) return error;
  if (error instanceof Error && error.name === 'PasswordException')
    return unreadable('PDF', 'it is protected by a password', error);
  return unreadable('PDF', 'the file is damaged or is not a valid PDF', error);
}

/** One text section per page with text, carrying its 1-based page number for citations. */
export async function parsePdf(bytes: Uint8Array, maxPages: number | undefined): Promise<ParsedDocument> {
  const { getDocumentProxy } = await import('unpdf');
  // A plain copy: pdf.js takes over (detaches) the buffer it is given, and refuses a Node Buffer.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 }).catch((error: unknown) => {
    throw failure(error);
  });
  try {
    if (maxPages !== undefined && pdf.numPages > maxPages) throw tooManyPages(pdf.numPages, maxPages);
    const sections: Section[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = pageText(content.items.flatMap((item) => ('str' in item ? [item] : [])));
      if (text !== '') sections.push({ text, headingPath: [], page: number, kind: 'text' });
      page.cleanup();
    }
    const parsed: ParsedDocument = { type: 'pdf', sections, pageCount: pdf.numPages };
    const { info } = (await pdf.getMetadata()) as { info: { Title?: unknown } };
    if (typeof info.Title === 'string' && info.Title.trim() !== '') parsed.title = info.Title.trim();
    return parsed;
  } catch (error) {
    throw failure(error);
  } finally {
    await pdf.destroy();
  }
}
