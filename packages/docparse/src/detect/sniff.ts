import { unreadable, unsupportedType } from '../errors.js';
import type { DocumentType } from '../types.js';
import { decodeText } from './decode.js';
import { isPdf, isZip, knownBinary } from './signatures.js';
import { classifyText } from './text-kind.js';
import { listZip, storedMimeType, type ZipListing } from './zip.js';

export type Sniffed =
  | { type: 'pdf' }
  | { type: 'docx' | 'xlsx'; zip: ZipListing }
  | { type: Exclude<DocumentType, 'pdf' | 'docx' | 'xlsx'>; text: string };

const MIME_TYPES: Record<string, string> = {
  'application/vnd.oasis.opendocument.text': 'an OpenDocument text (.odt); save it as .docx',
  'application/vnd.oasis.opendocument.spreadsheet': 'an OpenDocument spreadsheet (.ods); save it as .xlsx',
  'application/vnd.oasis.opendocument.presentation': 'an OpenDocument presentation (.odp)',
  'application/epub+zip': 'an EPUB e-book',
};

function describeZip(bytes: Uint8Array, zip: ZipListing): string {
  if (zip.entries.includes('ppt/presentation.xml')) return 'a PowerPoint presentation (.pptx)';
  return MIME_TYPES[storedMimeType(bytes) ?? ''] ?? 'a ZIP archive that is not a Word or Excel document';
}

/** Decides the type from the bytes (the name only chooses among text types); keeps what it learnt for the parser. */
export function sniff(bytes: Uint8Array, name?: string): Sniffed {
  if (isPdf(bytes)) return { type: 'pdf' };
  if (isZip(bytes)) {
    const zip = listZip(bytes);
    if (zip.entries.includes('word/document.xml')) return { type: 'docx', zip };
    if (zip.entries.includes('xl/workbook.xml')) return { type: 'xlsx', zip };
    if (!zip.complete) throw unreadable('file', 'it is a damaged or incomplete ZIP archive');
    throw unsupportedType(describeZip(bytes, zip));
  }
  const binary = knownBinary(bytes);
  if (binary !== undefined) throw unsupportedType(binary);
  const decoded = decodeText(bytes);
  if ('binary' in decoded)
    throw unsupportedType(
      'binary data, not a document (or text in an encoding other than UTF-8, UTF-16 or GB18030)',
    );
  return { type: classifyText(decoded.text, name), text: decoded.text };
}

/**
 * The type of a document, by content: `%PDF-` is a PDF, a ZIP holding `word/document.xml` a Word file, one holding
 * `xl/workbook.xml` an Excel file; text is HTML, Markdown, CSV or plain text. Throws a `DocumentError`
 * (`unsupported_type`) naming anything else: other archives, images, programs, binary data; a ZIP cut short
 * before any Word or Excel entry is `unreadable`.
 */
export function detectDocumentType(bytes: Uint8Array, name?: string): DocumentType {
  return sniff(bytes, name).type;
}
