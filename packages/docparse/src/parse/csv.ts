import type { ParsedDocument } from '../types.js';
import { detectDelimiter, readCsv } from './csv-reader.js';
import { renderRecords } from './rows.js';

/** The file name without folders and extension: the "sheet name" of a CSV file. */
function baseName(name: string | undefined): string | undefined {
  const base = name
    ?.split(/[\\/]/)
    .at(-1)
    ?.replace(/\.[^.]+$/, '')
    .trim();
  return base === undefined || base === '' ? undefined : base;
}

/** One table section: comma, tab or semicolon separated, whichever reads as a table (comma otherwise). */
export function parseCsv(text: string, name: string | undefined): ParsedDocument {
  const delimiter = detectDelimiter(text) ?? (/\.tsv$/i.test(name ?? '') ? '\t' : ',');
  const sheet = baseName(name);
  return {
    type: 'csv',
    sections: [
      {
        text: renderRecords(readCsv(text, delimiter)),
        headingPath: sheet === undefined ? [] : [sheet],
        kind: 'table',
      },
    ],
  };
}
