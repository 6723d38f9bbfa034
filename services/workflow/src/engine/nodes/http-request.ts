import { isAppError } from '@astron/kit/errors';
import { NodeFailure, type NodeType } from '../node-type.js';
import { renderTemplate } from './template.js';

interface Pair {
  key: string;
  value: string;
}

const BODY_TYPES: Record<string, string> = { json: 'application/json', 'form-urlencoded': 'application/x-www-form-urlencoded', raw: 'text/plain; charset=utf-8' };

/**
 * http-request: one HTTP call through the egress client (private and metadata addresses refused unless EGRESS_*
 * allows them). URL, header and parameter values and the body take `{{name}}` placeholders for the node's inputs.
 * Outputs `status_code`, `body` (text) and `headers`. A 5xx or a network failure is retryable (retryConfig).
 */
export const httpRequestNode: NodeType = {
  type: 'http-request',
  async execute({ node, inputs, signal, services, run }) {
    const param = node.param as { method?: string; url?: string; headers?: Pair[]; params?: Pair[]; body?: { type?: string; content?: string } };
    const render = (text: string) => renderTemplate(text, inputs);
    let url: URL;
    try {
      url = new URL(render(param.url ?? ''));
    } catch {
      throw new NodeFailure('http_url_invalid', `${node.aliasName}: ${render(param.url ?? '')} is not a URL`);
    }
    for (const pair of param.params ?? []) url.searchParams.append(pair.key, render(pair.value));
    const headers: Record<string, string> = Object.fromEntries((param.headers ?? []).map((pair) => [pair.key.toLowerCase(), render(pair.value)]));
    // Retries of the same node in the same run carry the same key, for APIs that deduplicate on it.
    headers['idempotency-key'] ??= `${run.id}:${node.id}`;
    const bodyType = param.body?.type ?? 'none';
    const method = param.method ?? 'GET';
    const body = bodyType === 'none' || method === 'GET' || method === 'HEAD' ? undefined : render(param.body?.content ?? '');
    if (body !== undefined) headers['content-type'] ??= BODY_TYPES[bodyType] ?? 'text/plain; charset=utf-8';
    try {
      const response = await services.egress.request(url, { method, headers, ...(body === undefined ? {} : { body }), signal });
      if (response.status >= 500) throw new NodeFailure('http_server_error', `${method} ${url.host} answered ${response.status}`, true);
      return { outputs: { status_code: response.status, body: await response.text(), headers: Object.fromEntries(response.headers.entries()) } };
    } catch (error) {
      if (error instanceof NodeFailure) throw error;
      if (isAppError(error)) throw new NodeFailure(error.code, error.message, error.retryable);
      throw error;
    }
  },
};
