import { createHash, createHmac } from 'node:crypto';

/**
 * The signed-request scheme (docs/api/signed-requests.md), in the iFlytek style the original's
 * users know:
 *   Authorization: api_key="<key>", algorithm="hmac-sha256", headers="date request-line digest x-request-id",
 *                  signature="<base64 HMAC-SHA256(secret, signing string)>"
 * The signing string has one line per listed header: "request-line" is "<METHOD> <path?query> HTTP/1.1",
 * any other is "<name>: <value>". Digest is "SHA-256=<base64 sha256 of the body>".
 */
export interface SignatureParameters {
  apiKey: string;
  algorithm: string;
  headers: string[];
  signature: string;
}

/** Headers a signature must cover; the digest binds the body, the request id makes each request unique. */
export const REQUIRED_SIGNED_HEADERS = ['date', 'request-line', 'digest', 'x-request-id'] as const;

export function parseAuthorization(value: string): SignatureParameters | null {
  const fields = new Map<string, string>();
  const pattern = /([a-z_]+)="([^"]*)"/gi;
  for (const match of value.matchAll(pattern)) fields.set((match[1] ?? '').toLowerCase(), match[2] ?? '');
  const apiKey = fields.get('api_key');
  const signature = fields.get('signature');
  if (apiKey === undefined || signature === undefined) return null;
  return {
    apiKey,
    algorithm: (fields.get('algorithm') ?? 'hmac-sha256').toLowerCase(),
    headers: (fields.get('headers') ?? 'date').toLowerCase().split(/\s+/).filter(Boolean),
    signature,
  };
}

export interface SignedRequest {
  method: string;
  /** Path with query string, exactly as sent. */
  target: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
}

export function signingString(request: SignedRequest, headerNames: readonly string[]): string | { missing: string } {
  const lines: string[] = [];
  for (const name of headerNames) {
    if (name === 'request-line') {
      lines.push(`${request.method.toUpperCase()} ${request.target} HTTP/1.1`);
      continue;
    }
    const value = request.headers[name];
    if (value === undefined) return { missing: name };
    lines.push(`${name}: ${value}`);
  }
  return lines.join('\n');
}

export function computeSignature(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64');
}

/** What a client does; used by our CLI, SDK examples and tests. */
export function signRequest(
  credential: { apiKey: string; apiSecret: string },
  request: { method: string; target: string; body?: string | Buffer; date?: Date; requestId: string; host?: string },
): Record<string, string> {
  const digest = `SHA-256=${sha256Base64(request.body ?? '')}`;
  const headers: Record<string, string> = {
    date: (request.date ?? new Date()).toUTCString(),
    digest,
    'x-request-id': request.requestId,
  };
  const names = [...REQUIRED_SIGNED_HEADERS];
  const text = signingString({ method: request.method, target: request.target, headers }, names) as string;
  const signature = computeSignature(credential.apiSecret, text);
  headers.authorization = `api_key="${credential.apiKey}", algorithm="hmac-sha256", headers="${names.join(' ')}", signature="${signature}"`;
  return headers;
}

export function sha256Base64(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64');
}
