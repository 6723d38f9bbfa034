import { DocumentError, type DocumentErrorCode } from '@astron/docparse';
import { AppError } from '@astron/kit/errors';

/** Errors of the knowledge API; the document ones say what was found so a person can fix the upload. */

const megabytes = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MB`;

export const documentTooLarge = (sizeBytes: number | null, limitBytes: number) =>
  new AppError({
    code: 'document_too_large',
    status: 413,
    message: `${sizeBytes === null ? 'this document is larger than the limit' : `this document is ${megabytes(sizeBytes)}`}; the limit is ${megabytes(limitBytes)} (KNOWLEDGE_MAX_FILE_MB)`,
    details: { limitBytes, ...(sizeBytes === null ? {} : { sizeBytes }) },
  });

export const documentEmpty = () => new AppError({ code: 'document_empty', status: 422, message: 'this document is empty' });

export const documentExists = (existing: { id: string; name: string }) =>
  new AppError({
    code: 'document_exists',
    status: 409,
    message: `this knowledge base already holds the same content as document "${existing.name}" (${existing.id})`,
    details: { documentId: existing.id, name: existing.name },
  });

export const documentBusy = (id: string, status: string) =>
  new AppError({ code: 'document_busy', status: 409, message: `document ${id} is being ingested (${status}); wait until it is ready or failed` });

const refusals: Record<DocumentErrorCode, { code: string; status: number }> = {
  unsupported_type: { code: 'unsupported_document_type', status: 415 },
  too_large: { code: 'document_too_large', status: 413 },
  unreadable: { code: 'document_unreadable', status: 422 },
  empty: { code: 'document_empty', status: 422 },
};

/** docparse's refusal as our error: its message, written for the uploader, and a status by its kind. */
export function documentRefused(error: DocumentError): AppError {
  const refusal = refusals[error.code];
  return new AppError({ code: refusal.code, status: refusal.status, message: error.message, cause: error });
}

/** Any error as the `{code, message}` a failed document keeps. */
export function failureOf(error: unknown): { code: string; message: string } {
  if (error instanceof DocumentError) return { code: refusals[error.code].code, message: error.message };
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'ingestion failed unexpectedly; the service log has the details' };
}
