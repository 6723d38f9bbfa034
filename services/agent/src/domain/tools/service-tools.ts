import { AppError, badRequest, isAppError } from '@astron/kit/errors';
import { createServiceClient } from '@astron/kit/service-client';
import type { z } from 'zod';
import type { AgentLimits } from '../../config.js';
import type { ToolContext } from './define-tool.js';
import type { RunScope, ToolRequest } from './provider.js';

/**
 * What the providers backed by another of our services share: where it is and how long a run waits for tool
 * descriptors (both read at each call, from the live configuration), and the token to act with.
 */
export interface ServiceToolsOptions {
  url: () => string;
  serviceToken: string;
  limits: Pick<AgentLimits, 'toolDescribeTimeoutMs'>;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  query?: Record<string, string>;
}

/** The space and end user the callee scopes a call to: the run's, never anything the model wrote. */
const onBehalfOf = (scope: RunScope) => ({ space: scope.spaceId, ...scope.caller });

async function send<T>(options: ServiceToolsOptions, call: Call, scope: RunScope, signal: AbortSignal, timeoutMs: number): Promise<T> {
  const client = createServiceClient({ baseUrl: options.url(), serviceToken: options.serviceToken, caller: 'agent', timeoutMs });
  const response = await client.open(call.method, call.path, { body: call.body, query: call.query, on: onBehalfOf(scope), signal, timeoutMs });
  return (await response.json()) as T;
}

/**
 * Asks a service about tools at the start of a run. A silent service must not hold the run: past
 * AGENT_TOOL_DESCRIBE_TIMEOUT_MS the call ends with an error that says so.
 */
export async function describeCall<T>(options: ServiceToolsOptions, call: Call, scope: RunScope): Promise<T> {
  const timeoutMs = options.limits.toolDescribeTimeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    return await send<T>(options, call, scope, deadline, timeoutMs);
  } catch (error) {
    if (!deadline.aborted) throw error;
    throw new AppError({
      status: 504,
      code: 'timeout',
      retryable: true,
      message: `${options.url()} did not answer within ${timeoutMs} ms (AGENT_TOOL_DESCRIBE_TIMEOUT_MS)`,
      cause: error,
    });
  }
}

/**
 * Runs a tool call in another service. Its refusals (bad inputs, refused SQL) become errors the model reads and
 * can correct: the callee's message with its code.
 */
export async function runCall<T>(options: ServiceToolsOptions, call: Call, context: ToolContext, timeoutMs: number): Promise<T> {
  try {
    return await send<T>(options, call, context, context.signal, timeoutMs);
  } catch (error) {
    if (isAppError(error)) throw new Error(`${error.message} (${error.code})`, { cause: error });
    throw error;
  }
}

/** A requested tool that cannot be offered in this run: gone, unpublished, or its service unreachable. */
export function toolUnavailable(request: ToolRequest, what: string, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError({
    status: 409,
    code: 'tool_unavailable',
    message: `tool ${request.name}: ${what} is not available: ${reason}`,
    retryable: isAppError(cause) ? cause.retryable : false,
    details: { tool: request.name, provider: request.provider, ...(isAppError(cause) ? { cause: { code: cause.code, status: cause.status } } : {}) },
    cause,
  });
}

/** A tool reference's options, checked: the hub builds them, so a mismatch is a 400 naming the tool and the field. */
export function optionsOf<Schema extends z.ZodType>(schema: Schema, request: ToolRequest): z.output<Schema> {
  const parsed = schema.safeParse(request.options);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${['options', ...issue.path.map(String)].join('.')}: ${issue.message}`).join('; ');
  throw badRequest(`tool ${request.name}: invalid ${request.provider} tool options: ${problems}`, { tool: request.name, provider: request.provider }, 'invalid_tool_options');
}

/** The model's arguments as the object every service tool takes. */
export function argumentsObject(input: unknown): Record<string, unknown> {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  throw new Error('the arguments must be a JSON object');
}

/**
 * The name of one of several tools a reference stands for (every operation of a tool set, every tool of an MCP
 * server): `<reference name>_<tool>`, cut to the characters and length OpenAI allows in a function name.
 */
export function memberName(reference: string, member: string): string {
  return `${reference}_${member}`.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
}

/** A JSON schema as the model is given it: some OpenAI-compatible servers reject `$schema` inside tool parameters. */
export function toolParameters(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return { type: 'object', properties: {} };
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return rest;
}
