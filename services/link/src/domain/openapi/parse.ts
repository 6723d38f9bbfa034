import { load } from 'js-yaml';
import { documentNotOpenapi, documentTooLarge, documentUnreadable, externalReferenceRefused } from '../errors.js';

/** YAML aliases can multiply a small text into a huge object ("billion laughs"); real documents use few. */
const MAX_YAML_ALIASES = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON pointer segment escaping (RFC 6901), for error messages that point at the offending place. */
const pointerSegment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Refuses any `$ref` that leaves the document (a file, a URL, another document): those would make the service
 * read its disk or call addresses on behalf of whoever imports the document.
 */
function refuseExternalReferences(value: unknown, at: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => refuseExternalReferences(item, `${at}/${index}`));
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const path = `${at}/${pointerSegment(key)}`;
    if (key === '$ref' && (typeof child !== 'string' || !child.startsWith('#'))) throw externalReferenceRefused(String(child), path);
    refuseExternalReferences(child, path);
  }
}

function parseText(text: string): unknown {
  const trimmed = text.trimStart();
  try {
    if (trimmed.startsWith('{')) return JSON.parse(trimmed) as unknown;
    return load(text, { maxAliases: MAX_YAML_ALIASES });
  } catch (error) {
    throw documentUnreadable(error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error));
  }
}

/** A pasted or fetched OpenAPI 3 / Swagger 2 document as an object, JSON or YAML, with internal references only. */
export function parseDocument(text: string, maxBytes: number): Record<string, unknown> {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > maxBytes) throw documentTooLarge(size, maxBytes);
  const document = parseText(text);
  if (!isRecord(document)) throw documentNotOpenapi();
  const openapi = document.openapi;
  const swagger = document.swagger;
  const isOpenapi3 = typeof openapi === 'string' && /^3\.\d+(\.\d+)?$/.test(openapi);
  if (!isOpenapi3 && swagger !== '2.0') throw documentNotOpenapi();
  refuseExternalReferences(document, '#');
  return document;
}
