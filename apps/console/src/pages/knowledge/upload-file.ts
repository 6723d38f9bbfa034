import { ApiError } from '../../api/index.js';
import type { DocumentPreview, KnowledgeDocument } from '../../api/types.js';
import { runtimeConfig } from '../../config.js';
import { csrfToken } from '../agents/chat-stream.js';

interface SendOptions {
  /** The share of the body sent so far, 0..1. */
  onProgress?: (sent: number) => void;
  signal?: AbortSignal;
}

function answerError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string') return new ApiError(status, body.code, typeof body.message === 'string' ? body.message : '', body.details);
  } catch {
    // not our JSON (a proxy's page): the status says it
  }
  return new ApiError(status, `http_${status}`, `the server answered ${status}`);
}

/**
 * POSTs one file as multipart/form-data (the part `file`, named after it). XMLHttpRequest rather than fetch: only
 * it reports how much of the body went up, which a large upload needs to show. Refusals (413 too large, 415 not a
 * type we read, 409 the same file twice) throw ApiErrors like every other call; `signal` aborts (AbortError).
 */
async function postFile<T>(path: string, file: File, options: SendOptions = {}): Promise<T> {
  const token = await csrfToken();
  const form = new FormData();
  form.append('file', file, file.name);
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${runtimeConfig().apiBaseUrl}${path}`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    if (token !== null) request.setRequestHeader('x-csrf-token', token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve(JSON.parse(request.responseText) as T);
        } catch {
          reject(new ApiError(request.status, 'invalid_answer', 'the server answered something that is not JSON'));
        }
      } else reject(answerError(request.status, request.responseText));
    };
    request.onerror = () => reject(new ApiError(0, 'network_error', 'the server could not be reached'));
    request.onabort = () => reject(new DOMException('the upload was stopped', 'AbortError'));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}

const base = (kbId: string) => `/api/knowledge-bases/${encodeURIComponent(kbId)}/documents`;

/** Adds a file to a base; the answer is the queued document, whose ingestion the base's events then report. */
export const uploadDocument = (kbId: string, file: File, options?: SendOptions) => postFile<KnowledgeDocument>(base(kbId), file, options);

/** The first chunks (up to 200) a file would make with the base's chunking; nothing is stored. */
export const previewDocument = (kbId: string, file: File) => postFile<DocumentPreview>(`${base(kbId)}/preview`, file);
