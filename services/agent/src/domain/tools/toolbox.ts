import type { EgressClient } from '@astron/kit/egress';
import { badRequest } from '@astron/kit/errors';
import type { ToolReference } from '../types.js';
import { toolRequest, type RunScope, type ToolProvider, type ToolRequest, type ToolSpec } from './provider.js';

export interface ToolOutcome {
  ok: boolean;
  /** What the model is given: the result, or "Error: ..." saying what went wrong. */
  text: string;
  durationMs: number;
}

/** The tools of one run: their specs for the model, and a call that never throws. */
export interface Toolbox {
  specs: ToolSpec[];
  call(name: string, rawArguments: string, signal: AbortSignal): Promise<ToolOutcome>;
}

export interface ToolboxOptions {
  providers: ToolProvider[];
  scope: RunScope;
  egress: EgressClient;
  /** The ceiling of every call's timeout. */
  timeoutMs: number;
  resultMaxChars: number;
}

function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}\n…[truncated: ${text.length - limit} more characters]`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Parses the model's arguments: '' means no arguments; anything else must be a JSON object. */
export function parseArguments(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new Error(`the arguments are not valid JSON (${messageOf(error)}): ${raw.slice(0, 200)}`, { cause: error });
  }
}

async function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, timeoutMs: number, outer: AbortSignal, what: string): Promise<T> {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort(outer.reason);
  outer.addEventListener('abort', onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`${what} timed out after ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onOuterAbort);
  }
}

/** Resolves a definition's tool references through the providers; unknown tools or providers are a 400. */
export async function openToolbox(references: ToolReference[], options: ToolboxOptions): Promise<Toolbox> {
  const providers = new Map(options.providers.map((provider) => [provider.id, provider]));
  const grouped = new Map<string, ToolRequest[]>();
  for (const request of references.map(toolRequest)) {
    if (!providers.has(request.provider)) {
      throw badRequest(`tool ${request.name} names the provider "${request.provider}", which this service does not have; known: ${[...providers.keys()].join(', ')}`, undefined, 'unknown_tool_provider');
    }
    grouped.set(request.provider, [...(grouped.get(request.provider) ?? []), request]);
  }
  // Providers that ask other services for descriptors do so at once, so a run waits for the slowest, not the sum.
  const listed = await Promise.all(
    [...grouped].map(async ([providerId, requests]) => {
      const provider = providers.get(providerId) as ToolProvider;
      return { provider, specs: await provider.listTools(requests, options.scope) };
    }),
  );
  const owners = new Map<string, { provider: ToolProvider; spec: ToolSpec }>();
  for (const { provider, specs } of listed) {
    for (const spec of specs) {
      if (owners.has(spec.name)) throw badRequest(`the tool name ${spec.name} appears twice; tool names must be unique in an agent`, undefined, 'duplicate_tool');
      owners.set(spec.name, { provider, spec });
    }
  }

  return {
    specs: [...owners.values()].map(({ spec: { binding: _binding, ...spec } }) => spec),
    async call(name, rawArguments, signal) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const owner = owners.get(name);
      try {
        if (owner === undefined) throw new Error(`there is no tool "${name}"; available: ${[...owners.keys()].join(', ') || 'none'}`);
        const input = parseArguments(rawArguments);
        const timeoutMs = Math.min(owner.spec.timeoutMs, options.timeoutMs);
        const result = await withTimeout(
          (callSignal) => owner.provider.runTool(name, input, { ...options.scope, signal: callSignal, egress: options.egress }, owner.spec),
          timeoutMs,
          signal,
          `the tool ${name}`,
        );
        const text = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
        return { ok: true, text: truncate(text, options.resultMaxChars), durationMs: elapsed() };
      } catch (error) {
        return { ok: false, text: `Error: ${truncate(messageOf(error), 2_000)}`, durationMs: elapsed() };
      }
    },
  };
}
