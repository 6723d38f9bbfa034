/**
 * Why a document cannot be used. Independent of the kit's AppError on purpose: that one carries an HTTP status
 * and belongs to routes, while this package is plain logic; the knowledge service maps each code to a 4xx.
 */
export type DocumentErrorCode = 'unsupported_type' | 'too_large' | 'unreadable' | 'empty';

export const DOCUMENT_ERROR_CODES: readonly DocumentErrorCode[] = [
  'unsupported_type',
  'too_large',
  'unreadable',
  'empty',
];

export class DocumentError extends Error {
  readonly code: DocumentErrorCode;

  /** `message` is written for the person who uploaded the file. */
  constructor(code: DocumentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DocumentError';
    this.code = code;
  }
}

export function isDocumentError(value: unknown): value is DocumentError {
  return value instanceof DocumentError;
}

/** "a ZIP archive that is not a Word or Excel document": what was found, phrased to follow "this file is". */
export const unsupportedType = (found: string) =>
  new DocumentError(
    'unsupported_type',
    `This file is ${found}; upload PDF, Word (.docx), Excel (.xlsx), CSV, HTML, Markdown or plain text.`,
  );

const megabytes = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MB`;

export const tooLarge = (size: number, limit: number) =>
  new DocumentError(
    'too_large',
    `This file is ${megabytes(size)}; the limit is ${megabytes(limit)} (${limit} bytes).`,
  );

export const tooLargeUnpacked = (size: number, limit: number) =>
  new DocumentError(
    'too_large',
    `This file unpacks to ${megabytes(size)}; the limit is ${megabytes(limit)}.`,
  );

export const tooManyPages = (pages: number, limit: number) =>
  new DocumentError('too_large', `This PDF has ${pages} pages; the limit is ${limit} pages.`);

export const unreadable = (what: string, reason: string, cause?: unknown) =>
  new DocumentError('unreadable', `This ${what} could not be read: ${reason}.`, { cause });

export const empty = (what: string, hint = '') =>
  new DocumentError('empty', `This ${what} contains no text${hint}.`);
