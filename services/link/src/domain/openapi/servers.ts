function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An absolute http(s) URL, or null. */
function absolute(url: string, base: string | null): string | null {
  try {
    const resolved = base === null ? new URL(url) : new URL(url, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/** OpenAPI 3: the first server, its `{variables}` set to their defaults. */
function openapiServer(document: Record<string, unknown>, sourceUrl: string | null): string | null {
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const first: unknown = servers[0];
  // No servers means "/": the host the document came from.
  if (!isRecord(first) || typeof first.url !== 'string') return sourceUrl === null ? null : absolute('/', sourceUrl);
  const variables = isRecord(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isRecord(variable) && (typeof variable.default === 'string' || typeof variable.default === 'number') ? String(variable.default) : whole;
  });
  return absolute(url, sourceUrl);
}

/** Swagger 2: scheme, host and basePath; what is missing comes from the URL the document came from. */
function swaggerServer(document: Record<string, unknown>, sourceUrl: string | null): string | null {
  const source = sourceUrl === null ? null : new URL(sourceUrl);
  const host = typeof document.host === 'string' ? document.host : source?.host;
  if (host === undefined) return null;
  const schemes: string[] = Array.isArray(document.schemes) ? document.schemes.filter((scheme): scheme is string => scheme === 'https' || scheme === 'http') : [];
  const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? source?.protocol.replace(':', '') ?? 'https');
  const basePath = typeof document.basePath === 'string' ? document.basePath : '/';
  return absolute(`${scheme}://${host}${basePath}`, null);
}

/** Where the document says calls go, as an absolute URL; relative URLs are resolved against where it came from. */
export function serverUrlOf(document: Record<string, unknown>, sourceUrl: string | null): string | null {
  return document.swagger === '2.0' ? swaggerServer(document, sourceUrl) : openapiServer(document, sourceUrl);
}

/** `server` + `path`, with exactly one slash between them. */
export function joinUrl(server: string, path: string): string {
  return `${server.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
