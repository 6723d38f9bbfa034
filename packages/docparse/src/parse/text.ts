import type { ParsedDocument } from '../types.js';
import { tidy } from './sections.js';

/** Plain text has no structure to keep beyond its paragraphs: one section, blank lines between paragraphs. */
export function parseText(text: string): ParsedDocument {
  return { type: 'text', sections: [{ text: tidy(text), headingPath: [], kind: 'text' }] };
}
