import type { EgressClient } from '@astron/kit/egress';
import { AppError } from '@astron/kit/errors';
import { documentWithoutOperations } from '../errors.js';
import { extractOperations } from './operations.js';
import { parseDocument } from './parse.js';
import { serverUrlOf } from './servers.js';
import type { Catalog, DocumentFormat } from './types.js';
import { validateDocument } from './validate.js';

export type DocumentSource = { text: string } | { url: string };

export interface ImportedDocument {
  /** The document as given (references untouched): what the original's clients read back. */
  document: Record<string, unknown>;
  catalog: Catalog;
  sourceKind: 'text' | 'url';
  sourceUrl: string | null;
}

const formatOf = (document: Record<string, unknown>): DocumentFormat =>
  document.swagger === '2.0' ? 'swagger-2.0' : String(document.openapi).startsWith('3.1') ? 'openapi-3.1' : 'openapi-3.0';

const info = (document: Record<string, unknown>) => (typeof document.info === 'object' && document.info !== null ? (document.info as Record<string, unknown>) : {});

/** Reads OpenAPI documents, pasted or fetched from a URL through the egress client (so never from a private address). */
export function documentImporter(options: { egress: EgressClient; maxDocumentBytes: number }) {
  async function fetchText(url: string): Promise<string> {
    const response = await options.egress.request(url, { headers: { accept: 'application/json, application/yaml, text/yaml, text/plain, */*' } });
    if (!response.ok) {
      throw new AppError({ status: 422, code: 'document_fetch_failed', message: `fetching the document from ${url} answered ${response.status} ${response.statusText}`.trim(), details: { status: response.status } });
    }
    return response.text();
  }

  async function catalogOf(document: Record<string, unknown>, sourceUrl: string | null): Promise<Catalog> {
    const dereferenced = await validateDocument(document);
    const { operations, skipped } = extractOperations(dereferenced);
    if (operations.length === 0) throw documentWithoutOperations(skipped);
    const { title, description } = info(document);
    return {
      format: formatOf(document),
      title: typeof title === 'string' ? title : '',
      description: typeof description === 'string' ? description : '',
      serverUrl: serverUrlOf(document, sourceUrl),
      operations,
      skipped,
    };
  }

  return {
    async read(source: DocumentSource): Promise<ImportedDocument> {
      const sourceUrl = 'url' in source ? source.url : null;
      const text = 'url' in source ? await fetchText(source.url) : source.text;
      const document = parseDocument(text, options.maxDocumentBytes);
      return { document, catalog: await catalogOf(document, sourceUrl), sourceKind: sourceUrl === null ? 'text' : 'url', sourceUrl };
    },
  };
}

export type DocumentImporter = ReturnType<typeof documentImporter>;
