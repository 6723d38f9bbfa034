import { unreadable } from '../errors.js';
import type { ParsedDocument } from '../types.js';
import { parseHtml } from './html.js';

/**
 * mammoth turns Word headings into h1–h6 and tables into tables, so a Word file goes on as HTML. Images are
 * dropped (mammoth would inline them as base64) and linked external files are never read.
 */
export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), externalFileAccess: false },
    );
    html = result.value;
  } catch (error) {
    throw unreadable('Word document', 'the file is damaged or incomplete', error);
  }
  return parseHtml(html, 'docx');
}
