import { badRequest } from '@astron/kit/errors';
import { z } from 'zod';
import type { AgentStep } from '../types.js';
import type { ToolProvider, ToolSpec } from './provider.js';
import type { RunScope } from './provider.js';
import { argumentsObject, describeCall, optionsOf, runCall, toolUnavailable, type ServiceToolsOptions } from './service-tools.js';

const id = z.string().min(1).max(64);

/**
 * What a knowledge tool reference names: the bases to search and how (the hub's agent knowledge, an agent node's
 * plugin.knowledge), and optionally the documents of them to keep to (the original's repoType 2).
 */
const optionsSchema = z.object({
  kbIds: z.array(id).min(1).max(10),
  description: z.string().min(1).max(2_000),
  topK: z.number().int().min(1).max(50).optional(),
  scoreThreshold: z.number().min(0).max(1).optional(),
  documentIds: z.array(id).min(1).max(100).optional(),
});

/** The search of this run's reference, kept with its spec: another run may give the same tool name other bases. */
type KnowledgeBinding = z.output<typeof optionsSchema>;

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

/**
 * Knowledge bases as a search tool (the hub or the agent node names them per run). A call retrieves from the
 * knowledge service (KNOWLEDGE_URL) in the run's space; the passages come back numbered, and the model is asked to
 * cite the ones it uses as [n]. The run reports them as citations (`citationsOf`).
 */
export function knowledgeProvider(service: ServiceToolsOptions): ToolProvider {
  return {
    id: 'knowledge',
    async listTools(requests, scope) {
      const wanted = requests.map((request) => {
        // citationsOf finds the passages by this prefix.
        if (!request.name.startsWith(KNOWLEDGE_TOOL_PREFIX)) throw badRequest(`tool ${request.name}: a knowledge tool's name starts with ${KNOWLEDGE_TOOL_PREFIX}`, undefined, 'unknown_tool');
        return { request, binding: optionsOf(optionsSchema, request) };
      });
      // A base deleted since the agent was saved (or another space's) stops the run before the model is asked.
      const missing = await unavailableBases(service, [...new Set(wanted.flatMap(({ binding }) => binding.kbIds))], scope);
      for (const { request, binding } of wanted) {
        const gone = binding.kbIds.find((kbId) => missing.has(kbId));
        if (gone !== undefined) throw toolUnavailable(request, `the knowledge base ${gone}`, missing.get(gone));
      }
      return wanted.map(({ request, binding }): ToolSpec => {
        return {
          name: request.name,
          description: binding.description,
          parameters: { type: 'object', properties: { query: { type: 'string', description: 'What to look up, as a full question or keywords' } }, required: ['query'] },
          timeoutMs: RETRIEVE_TIMEOUT_MS,
          binding,
        };
      });
    },
    async runTool(_name, input, context, spec) {
      const { kbIds, topK, scoreThreshold, documentIds } = spec.binding as KnowledgeBinding;
      const query = argumentsObject(input).query;
      if (typeof query !== 'string' || query.trim() === '') throw new Error('give a query: what to look up in the knowledge bases');
      const body = {
        kbIds,
        query,
        ...(topK === undefined ? {} : { topK }),
        ...(scoreThreshold === undefined ? {} : { scoreThreshold }),
        ...(documentIds === undefined ? {} : { filters: { documentIds } }),
      };
      const answer = await runCall<{ results: Passage[] }>(service, { method: 'POST', path: '/knowledge/retrieve', body }, context, RETRIEVE_TIMEOUT_MS);
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

/** The bases the knowledge service does not serve in the run's space, with why. */
async function unavailableBases(service: ServiceToolsOptions, kbIds: string[], scope: RunScope): Promise<Map<string, unknown>> {
  const missing = new Map<string, unknown>();
  await Promise.all(
    kbIds.map(async (kbId) => {
      try {
        await describeCall(service, { method: 'GET', path: `/knowledge/bases/${encodeURIComponent(kbId)}` }, scope);
      } catch (error) {
        missing.set(kbId, error);
      }
    }),
  );
  return missing;
}
