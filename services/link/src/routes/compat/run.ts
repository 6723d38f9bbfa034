import { AppError } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { findOperation, type RunResult } from '../../domain/run/run-tool.js';
import type { Operation } from '../../domain/openapi/types.js';
import { callerOf, type LinkRoutesContext } from '../context.js';
import { decodeBase64, parseCompat, replyRun } from './envelope.js';

const tags = ['compatible: core-link runs'];

const runBody = z.looseObject({
  header: z.looseObject({ app_id: z.string().min(1).max(32), uid: z.string().optional() }),
  parameter: z.looseObject({ tool_id: z.string().max(32).regex(/^tool@[0-9a-zA-Z]+$/, 'must match ^tool@[0-9a-zA-Z]+$'), operation_id: z.string().min(1), version: z.string().optional() }),
  payload: z.looseObject({ message: z.strictObject({ header: z.string().optional(), path: z.string().optional(), query: z.string().optional(), body: z.string().optional() }) }),
});

const part = z.record(z.string(), z.unknown());
const debugBody = z.looseObject({
  server: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE']),
  path: part.default({}),
  query: part.default({}),
  header: part.default({}),
  body: part.default({}),
  openapi_schema: z.string().optional(),
});

type Parts = { header: Record<string, unknown>; path: Record<string, unknown>; query: Record<string, unknown>; body: unknown };

/** A base64 JSON object of the run message; absent is empty. */
function decodePart(value: string | undefined, field: string): Record<string, unknown> {
  if (value === undefined || value === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeBase64(value, field));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError({ status: 400, code: 'validation_failed', message: `${field} is not base64 of a JSON object` });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AppError({ status: 400, code: 'validation_failed', message: `${field} is not a JSON object` });
  return parsed as Record<string, unknown>;
}

/** The message's parts as the operation's inputs; what no binding takes goes along as extra query and headers. */
function inputsOf(operation: Operation, parts: Parts) {
  const inputs: Record<string, unknown> = {};
  const used = { query: new Set<string>(), header: new Set<string>() };
  for (const binding of operation.bindings) {
    if (binding.in === 'body') {
      const body = parts.body as Record<string, unknown>;
      const value = binding.property === null ? (Object.keys(body).length === 0 ? undefined : body) : body[binding.property];
      if (value !== undefined) inputs[binding.input] = value;
      continue;
    }
    const source = binding.in === 'cookie' ? parts.header : parts[binding.in];
    const value = source[binding.name];
    if (value !== undefined) inputs[binding.input] = value;
    if (binding.in === 'query' || binding.in === 'header') used[binding.in].add(binding.name);
  }
  const rest = (values: Record<string, unknown>, taken: Set<string>) => Object.fromEntries(Object.entries(values).filter(([name]) => !taken.has(name)));
  return { inputs, extras: { query: rest(parts.query, used.query), headers: rest(parts.header, used.header) } };
}

/** The original answers the tool's body as `payload.text.text`: JSON text of the parsed body (or of the string). */
function runOutcome(result: RunResult) {
  if (!result.ok) {
    const text = typeof result.output === 'string' ? result.output : JSON.stringify(result.output);
    throw new AppError({ status: 502, code: 'tool_request_failed', message: `Third-party API request failed: the tool's server answered ${result.status}: ${(text ?? '').slice(0, 2_000)}`, details: { status: result.status } });
  }
  return { payload: { text: { text: JSON.stringify(result.output) } } };
}

/** The original core-link's `http_run` (a published tool's operation) and `tool_debug` (a request to any server). */
export function compatRunRoutes(app: App, context: LinkRoutesContext): void {
  const { toolSets, runner } = context;

  app.post('/api/v1/tools/http_run', { schema: { tags } }, (request, reply) =>
    replyRun(reply, async () => {
      const { spaceId } = callerOf(request, context);
      const { parameter, payload } = parseCompat(runBody, request.body);
      const message = payload.message;
      const parts: Parts = { header: decodePart(message.header, 'header'), path: decodePart(message.path, 'path'), query: decodePart(message.query, 'query'), body: decodePart(message.body, 'body') };
      const snapshot = await toolSets.snapshot(spaceId, parameter.tool_id, parameter.version || undefined);
      const { inputs, extras } = inputsOf(findOperation(snapshot, parameter.operation_id), parts);
      return runOutcome((await runner.run(snapshot, parameter.operation_id, inputs, extras)).result);
    }),
  );

  app.post('/api/v1/tools/tool_debug', { schema: { tags } }, (request, reply) =>
    replyRun(reply, async () => {
      const body = parseCompat(debugBody, request.body);
      let server = body.server;
      for (const [name, value] of Object.entries(body.path)) server = server.split(`{${name}}`).join(encodeURIComponent(String(value)));
      const url = new URL(server);
      for (const [name, value] of Object.entries(body.query)) url.searchParams.append(name, typeof value === 'string' ? value : JSON.stringify(value));
      const headers = Object.fromEntries(Object.entries(body.header).map(([name, value]) => [name.toLowerCase(), String(value)]));
      const hasBody = Object.keys(body.body).length > 0 && body.method !== 'GET' && body.method !== 'HEAD';
      if (hasBody) headers['content-type'] ??= 'application/json';
      if (Object.values(headers).some((value) => /[\r\n\0]/.test(value))) throw new AppError({ status: 400, code: 'validation_failed', message: 'header values cannot hold line breaks' });
      const { result } = await runner.send({ method: body.method, url, headers, body: hasBody ? JSON.stringify(body.body) : undefined });
      return runOutcome(result);
    }),
  );
}
