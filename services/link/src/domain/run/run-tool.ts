import type { Keyring } from '@astron/kit/crypto';
import type { EgressClient } from '@astron/kit/egress';
import { applyAuth, maskSecrets, type OutgoingRequest } from '../auth/apply.js';
import { openAuth, type StoredAuth } from '../auth/auth.js';
import type { OAuthTokens } from '../auth/oauth2.js';
import { invalidInputs, operationNotFound, serverUrlMissing } from '../errors.js';
import type { Operation } from '../openapi/types.js';
import { buildRequest } from './build-request.js';

/** One version (or the draft) of a tool set, with what a call needs. */
export interface ToolSnapshot {
  toolSetId: string;
  /** The version's label, or 'draft'. */
  version: string;
  name: string;
  description: string;
  serverUrl: string | null;
  operations: Operation[];
  auth: StoredAuth;
}

/** A call's outcome as agents and workflows see it: the target's status and its body, parsed when JSON. */
export interface RunResult {
  ok: boolean;
  status: number;
  contentType: string | null;
  output: unknown;
  durationMs: number;
}

/** What went over the wire, secrets masked: the console's test run shows it. */
export interface RunTrace {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  response: { status: number; headers: Record<string, string>; body: string };
}

export function findOperation(snapshot: ToolSnapshot, operationId: string): Operation {
  const operation = snapshot.operations.find((candidate) => candidate.operationId === operationId) ?? snapshot.operations.find((candidate) => candidate.name === operationId);
  if (operation === undefined) throw operationNotFound(snapshot.toolSetId, operationId, snapshot.operations.map((candidate) => candidate.operationId));
  return operation;
}

function outputOf(body: string, contentType: string | null): unknown {
  if (body === '') return null;
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(body);
  if (!looksJson) return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** Query parameters and headers a caller adds beside the operation's own (the original's http_run sends whatever it is given). */
export interface RequestExtras {
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}

const scalar = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function addExtras(request: OutgoingRequest, extras: RequestExtras): void {
  for (const [name, value] of Object.entries(extras.query ?? {})) if (!request.url.searchParams.has(name) && value !== undefined && value !== null) request.url.searchParams.set(name, scalar(value));
  for (const [name, value] of Object.entries(extras.headers ?? {})) {
    const key = name.toLowerCase();
    if (request.headers[key] !== undefined || value === undefined || value === null) continue;
    if (/[\r\n\0]/.test(scalar(value))) throw invalidInputs(`header ${name} holds a line break`);
    request.headers[key] = scalar(value);
  }
}

/** Runs operations of tool sets: only through the egress client, with the tool set's credentials. */
export function toolRunner(options: { egress: EgressClient; tokens: OAuthTokens; keyring: Keyring; timeoutMs: number }) {
  /** Sends a built request; `secrets` are masked in the trace. */
  async function send(request: OutgoingRequest, secrets: string[] = []): Promise<{ result: RunResult; trace: RunTrace }> {
    const started = performance.now();
    const response = await options.egress.request(request.url, { method: request.method, headers: request.headers, body: request.body ?? null, timeoutMs: options.timeoutMs });
    const body = await response.text();
    const durationMs = Math.round(performance.now() - started);
    const contentType = response.headers.get('content-type');
    const mask = (text: string) => maskSecrets(text, secrets);
    return {
      result: { ok: response.ok, status: response.status, contentType, output: outputOf(body, contentType), durationMs },
      trace: {
        request: {
          method: request.method,
          url: mask(request.url.href),
          headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, mask(value)])),
          body: request.body === undefined ? null : mask(request.body),
        },
        response: { status: response.status, headers: Object.fromEntries(response.headers.entries()), body },
      },
    };
  }

  return {
    send,

    async run(snapshot: ToolSnapshot, operationId: string, inputs: unknown, extras: RequestExtras = {}): Promise<{ result: RunResult; trace: RunTrace }> {
      const operation = findOperation(snapshot, operationId);
      if (snapshot.serverUrl === null) throw serverUrlMissing(snapshot.toolSetId);
      const request = buildRequest(operation, snapshot.serverUrl, inputs);
      addExtras(request, extras);
      const secrets = await applyAuth(request, openAuth(snapshot.auth, options.keyring), options.tokens);
      return send(request, secrets);
    },
  };
}

export type ToolRunner = ReturnType<typeof toolRunner>;
