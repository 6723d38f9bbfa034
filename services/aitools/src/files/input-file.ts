import { badRequest } from '@astron/kit/errors';
import type { EgressClient } from '@astron/kit/egress';
import type { FileLinks, InputFile } from './file-links.js';

export interface FileReader {
  /** The file at a URL the caller gave: this service's own link of the space, or fetched through the egress client. */
  read(spaceId: string, url: string, signal: AbortSignal): Promise<InputFile>;
}

function nameOf(url: URL): string {
  const last = url.pathname.split('/').filter((segment) => segment !== '').pop();
  if (last === undefined) return 'file';
  try {
    return decodeURIComponent(last).slice(0, 200);
  } catch {
    return last.slice(0, 200);
  }
}

/**
 * Reads input files by URL. Every fetch goes through the egress client (EGRESS_*): private, loopback, link-local and
 * metadata addresses are refused (403 egress_blocked), the body is capped (413 egress_response_too_large).
 */
export function createFileReader(egress: EgressClient, links: FileLinks): FileReader {
  return {
    async read(spaceId, url, signal) {
      const own = await links.readOwn(spaceId, url);
      if (own !== null) return own;
      const response = await egress.request(url, { headers: { accept: '*/*' }, signal });
      if (!response.ok) throw badRequest(`the file at ${response.url} could not be read: it answered HTTP ${response.status}`, { url: response.url, status: response.status }, 'input_url_failed');
      const contentType = (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]?.trim().toLowerCase() ?? 'application/octet-stream';
      return { name: nameOf(new URL(response.url)), contentType, bytes: await response.buffer() };
    },
  };
}
