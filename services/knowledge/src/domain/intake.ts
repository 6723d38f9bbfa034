import { createHash } from 'node:crypto';
import { detectDocumentType, isDocumentError, type DocumentType } from '@astron/docparse';
import type { EgressClient } from '@astron/kit/egress';
import { AppError, isAppError } from '@astron/kit/errors';
import type { DocumentSource } from '../store/tables.js';
import { documentEmpty, documentRefused, documentTooLarge } from './errors.js';

/** A document as a caller hands it over: a file, a URL to fetch, or pasted text. */
export type DocumentInput = { kind: 'file'; name: string; bytes: Buffer } | { kind: 'url'; url: string } | { kind: 'text'; name: string; text: string };

/** A document that passed every check and may be stored. */
export interface CheckedDocument {
  name: string;
  bytes: Buffer;
  type: DocumentType;
  sha256: string;
  source: DocumentSource;
  sourceUrl: string | null;
}

const MAX_NAME = 255;

/** The file name of a Content-Disposition header, or the URL's last path segment, or its host. */
function nameFromResponse(url: URL, disposition: string | null): string {
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition ?? '')?.[1];
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition ?? '')?.[1];
  const segment = url.pathname.split('/').filter(Boolean).at(-1);
  const chosen = encoded ?? plain ?? segment ?? url.hostname;
  try {
    return decodeURIComponent(chosen);
  } catch {
    return chosen;
  }
}

/** Names keep no path (a browser may send one) and no control characters. */
function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const base = (name.split(/[\\/]/).at(-1) ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base === '' ? 'document' : base).slice(0, MAX_NAME);
}

/**
 * The type by content. Prose with commas in every line reads as a table to a sniffer: without a name that says
 * .csv, such text stays text (the name only ever chooses among text types; the bytes decide the rest).
 */
function sniff(bytes: Buffer, name: string): DocumentType {
  const type = detectDocumentType(bytes, name);
  return type === 'csv' && !/\.[A-Za-z0-9]{1,8}$/.test(name) ? detectDocumentType(bytes, `${name}.txt`) : type;
}

/**
 * Turns what a caller sent into document bytes and checks them before anything is stored: the size limit, then the
 * type by content (docparse sniffs the bytes; the name only picks among text types). URLs are fetched through the
 * egress client, so private and metadata addresses are refused (EGRESS_*).
 */
export function documentIntake(deps: { egress: EgressClient; maxFileBytes: number }) {
  const { egress, maxFileBytes } = deps;

  async function fetchUrl(url: string): Promise<{ name: string; bytes: Buffer; sourceUrl: string }> {
    let response;
    try {
      response = await egress.request(url, { method: 'GET', headers: { accept: '*/*' } });
    } catch (error) {
      if (isAppError(error) && error.code === 'egress_response_too_large') throw documentTooLarge(null, maxFileBytes);
      throw error;
    }
    if (!response.ok) throw new AppError({ code: 'document_fetch_failed', status: 422, message: `${url} answered HTTP ${response.status} ${response.statusText}`.trim(), details: { status: response.status } });
    return { name: nameFromResponse(new URL(response.url), response.headers.get('content-disposition')), bytes: await response.buffer(), sourceUrl: url };
  }

  return async (input: DocumentInput): Promise<CheckedDocument> => {
    const fetched =
      input.kind === 'url'
        ? await fetchUrl(input.url)
        : { name: input.name, bytes: input.kind === 'file' ? input.bytes : Buffer.from(input.text, 'utf8'), sourceUrl: null };
    const { bytes } = fetched;
    const name = cleanName(fetched.name);
    if (bytes.length > maxFileBytes) throw documentTooLarge(bytes.length, maxFileBytes);
    if (bytes.length === 0) throw documentEmpty();
    let type: DocumentType;
    try {
      type = sniff(bytes, name);
    } catch (error) {
      if (isDocumentError(error)) throw documentRefused(error);
      throw error;
    }
    const source: DocumentSource = input.kind === 'file' ? 'upload' : input.kind;
    return { name, bytes, type, sha256: createHash('sha256').update(bytes).digest('hex'), source, sourceUrl: fetched.sourceUrl };
  };
}

export type DocumentIntake = ReturnType<typeof documentIntake>;
