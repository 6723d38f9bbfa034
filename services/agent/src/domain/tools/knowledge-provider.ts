import { badRequest } from '@astron/kit/errors';
import { createServiceClient } from '@astron/kit/service-client';
import type { AgentStep } from '../types.js';
import type { ToolProvider, ToolSpec } from './provider.js';

/** What the hub puts in a knowledge tool reference: the agent's bases and how to search them. */
interface KnowledgeToolOptions {
  kbIds: string[];
  description: string;
  topK?: number;
  scoreThreshold?: number;
}

interface Passage {
  chunkId: string;
  kbId: string;
  documentId: string;
  documentName: string;
  content: string;
  score: number;
  position: number;
  page?: number | null;
}

/** A passage the answer may cite as [n], as the tool gives it to the model and the run reports it. */
export interface Citation {
  n: number;
  kbId: string;
  documentId: string;
  documentName: string;
  page: number | null;
  position: number;
  score: number;
  content: string;
}

const RETRIEVE_TIMEOUT_MS = 30_000;
export const KNOWLEDGE_TOOL_PREFIX = 'knowledge_';

const isOptions = (value: Record<string, unknown>): value is Record<string, unknown> & KnowledgeToolOptions =>
  Array.isArray(value.kbIds) && value.kbIds.length > 0 && value.kbIds.every((id) => typeof id === 'string') && typeof value.description === 'string';

/**
 * The agent's knowledge bases as one search tool (the hub resolves them per run and passes them here). A call
 * retrieves from the knowledge service (KNOWLEDGE_URL) in the run's space; the passages come back numbered, and the
 * model is asked to cite the ones it uses as [n]. The run reports them as citations (`citationsOf`).
 */
export function knowledgeProvider(options: { knowledgeUrl: () => string; serviceToken: string }): ToolProvider {
  const known = new Map<string, KnowledgeToolOptions>();
  return {
    id: 'knowledge',
    async listTools(requests) {
      return requests.map((request): ToolSpec => {
        if (!request.name.startsWith(KNOWLEDGE_TOOL_PREFIX) || !isOptions(request.options)) {
          throw badRequest(`tool ${request.name}: a knowledge tool is named ${KNOWLEDGE_TOOL_PREFIX}… and needs kbIds and a description`, undefined, 'unknown_tool');
        }
        known.delete(request.name);
        known.set(request.name, request.options);
        if (known.size > 1_000) known.delete(known.keys().next().value as string);
        return {
          name: request.name,
          description: request.options.description,
          parameters: { type: 'object', properties: { query: { type: 'string', description: 'What to look up, as a full question or keywords' } }, required: ['query'] },
          timeoutMs: RETRIEVE_TIMEOUT_MS,
        };
      });
    },
    async runTool(name, input, context) {
      const tool = known.get(name);
      if (tool === undefined) throw new Error(`the knowledge tool ${name} is not part of this run`);
      const query = typeof input === 'object' && input !== null ? (input as { query?: unknown }).query : undefined;
      if (typeof query !== 'string' || query.trim() === '') throw new Error('give a query: what to look up in the knowledge bases');
      const client = createServiceClient({ baseUrl: options.knowledgeUrl(), serviceToken: options.serviceToken, caller: 'agent', timeoutMs: RETRIEVE_TIMEOUT_MS });
      const answer = await client.call<{ results: Passage[] }>('POST', '/knowledge/retrieve', {
        body: { kbIds: tool.kbIds, query, ...(tool.topK === undefined ? {} : { topK: tool.topK }), ...(tool.scoreThreshold === undefined ? {} : { scoreThreshold: tool.scoreThreshold }) },
        on: { space: context.spaceId, ...context.caller },
      });
      const passages: Citation[] = answer.results.map((passage, index) => ({
        n: index + 1,
        kbId: passage.kbId,
        documentId: passage.documentId,
        documentName: passage.documentName,
        page: passage.page ?? null,
        position: passage.position,
        score: passage.score,
        content: passage.content,
      }));
      if (passages.length === 0) return { passages: [], note: 'Nothing in the knowledge bases matches this query.' };
      return { passages, howToCite: 'Answer from these passages and cite each one you use as [n], e.g. [1].' };
    },
  };
}

/** The passages knowledge tools returned in a run, once each (the first time one came back), for the answer's citations. */
export function citationsOf(steps: AgentStep[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const step of steps) {
    if (step.type !== 'tool_result' || !step.name.startsWith(KNOWLEDGE_TOOL_PREFIX) || step.result === undefined) continue;
    let parsed: { passages?: Citation[] };
    try {
      parsed = JSON.parse(step.result) as { passages?: Citation[] };
    } catch {
      continue; // a result cut to AGENT_TOOL_RESULT_MAX_CHARS is no longer JSON; its passages were seen by the model only
    }
    for (const passage of parsed.passages ?? []) {
      const key = `${passage.documentId}:${passage.position}`;
      if (seen.has(key)) continue;
      seen.add(key);
      citations.push({ ...passage, content: passage.content.slice(0, 500) });
    }
  }
  return citations;
}
