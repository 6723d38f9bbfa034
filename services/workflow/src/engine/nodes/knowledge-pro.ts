import { addUsage, emptyUsage, type LlmMessage, type ModelClient } from '@astron/llm';
import { NodeFailure, type NodeType, type RetrievedPassage } from '../node-type.js';
import { modelOf, parseJsonObject, usageOf } from './llm-support.js';

interface KnowledgeProParam {
  ragType?: 1 | 2;
  repoIds?: string[];
  docIds?: unknown[];
  topK?: number;
  repoTopK?: number;
  score?: number;
  answerRole?: string;
}

/** Planning rounds of agentic retrieval: plan, search, then at most this many follow-ups when the model asks. */
const MAX_ROUNDS = 3;

/**
 * knowledge-pro-base: retrieval that thinks before it answers (decision 0016).
 * ragType 1 (agentic): the model splits the question into search queries, the knowledge service answers each, the
 * model sees what was found and may ask follow-up queries (at most MAX_ROUNDS rounds, `topK` queries in all); then it
 * answers from the passages, streaming, citing them as [n].
 * ragType 2 (long context): one search for the question itself with a wider net (topK × repoTopK passages), then the
 * answer. Outputs as the original's: `output` (the answer) and `result` ([{ source_id, chunk: [{ chunk_context, score }] }]).
 */
export const knowledgeProNode: NodeType = {
  type: 'knowledge-pro-base',
  async execute(context) {
    const { node, inputs, services, run, signal } = context;
    const param = node.param as KnowledgeProParam;
    const kbIds = (param.repoIds ?? []).filter((id) => typeof id === 'string' && id !== '');
    if (kbIds.length === 0) throw new NodeFailure('knowledge_not_configured', `${node.aliasName} searches no knowledge base; choose at least one`);
    const knowledge = services.knowledge;
    if (knowledge === undefined) throw new NodeFailure('knowledge_unavailable', `${node.aliasName} needs the knowledge service, which this process cannot reach`);
    const question = inputs.query ?? (node.inputs[0] === undefined ? undefined : inputs[node.inputs[0].name]);
    if (typeof question !== 'string' || question.trim() === '') throw new NodeFailure('knowledge_query_empty', `${node.aliasName} has nothing to search for: its query input is empty`);

    const model = await modelOf(context);
    const usage = emptyUsage();
    const maxQueries = clamp(param.topK, 1, 6, 4);
    const perQuery = clamp(param.repoTopK, 1, 5, 3);
    const scoreThreshold = Math.max(0, Math.min(1, Number(param.score ?? 0.1) || 0));
    const documentIds = (param.docIds ?? []).filter((id): id is string => typeof id === 'string' && id !== '');
    const found = new Map<string, RetrievedPassage>();
    const search = async (query: string, topK: number) => {
      const passages = await knowledge(run.spaceId, { kbIds, query, topK, scoreThreshold, ...(documentIds.length === 0 ? {} : { filters: { documentIds } }) }, signal);
      for (const passage of passages) {
        const known = found.get(passage.chunkId);
        if (known === undefined || known.score < passage.score) found.set(passage.chunkId, passage);
      }
    };

    if (Number(param.ragType ?? 1) === 2) {
      await search(question, Math.min(50, maxQueries * perQuery));
    } else {
      const asked = new Set<string>();
      for (let round = 0; round < MAX_ROUNDS && asked.size < maxQueries; round += 1) {
        const queries = await planQueries(model, question, [...found.values()], round, maxQueries - asked.size, signal, usage);
        const fresh = queries.filter((query) => !asked.has(query.toLowerCase()));
        if (fresh.length === 0) break;
        for (const query of fresh) asked.add(query.toLowerCase());
        context.emit({ reasoning: `${fresh.map((query) => `🔎 ${query}`).join('\n')}\n` });
        await Promise.all(fresh.map((query) => search(query, perQuery)));
      }
      // A model that planned nothing still gets the question itself searched.
      if (asked.size === 0) await search(question, perQuery);
    }

    const passages = [...found.values()].sort((a, b) => b.score - a.score);
    const reply = await model.complete({ messages: answerPrompt(param.answerRole ?? '', question, passages), signal, onContent: (text) => context.emit({ content: text }) });
    addUsage(usage, reply.usage);
    return { outputs: { output: reply.content, result: bySource(passages) }, usage: usageOf(usage) };
  },
};

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  const number = Number(value ?? fallback);
  return Number.isFinite(number) ? Math.max(min, Math.min(max, Math.trunc(number))) : fallback;
}

/** Asks the model which searches to run next; an empty list means it has what it needs. */
async function planQueries(model: ModelClient, question: string, found: RetrievedPassage[], round: number, budget: number, signal: AbortSignal, usage: ReturnType<typeof emptyUsage>): Promise<string[]> {
  const seen = found.length === 0 ? '' : `\n\nPassages found so far:\n${found.map((passage, index) => `[${index + 1}] ${passage.content.slice(0, 300)}`).join('\n')}`;
  const task =
    round === 0
      ? `Break the question into at most ${budget} short search queries for a knowledge base.`
      : `If the passages do not yet answer the question, give at most ${budget} new search queries for what is missing; if they do, give none.`;
  const messages: LlmMessage[] = [
    { role: 'system', content: `You plan searches in a knowledge base. ${task} Answer with one JSON object only: {"queries": ["..."]}.` },
    { role: 'user', content: `Question: ${question}${seen}` },
  ];
  const reply = await model.complete({ messages, signal });
  addUsage(usage, reply.usage);
  const planned = parseJsonObject(reply.content)?.queries;
  if (!Array.isArray(planned)) return round === 0 ? [question] : [];
  return planned.filter((query): query is string => typeof query === 'string' && query.trim() !== '').map((query) => query.trim()).slice(0, budget);
}

function answerPrompt(role: string, question: string, passages: RetrievedPassage[]): LlmMessage[] {
  const instructions = [
    role.trim(),
    'Answer the question from the numbered passages below and cite them as [n]. If they do not hold the answer, say so.',
    passages.length === 0 ? 'No passage was found.' : passages.map((passage, index) => `[${index + 1}] (${passage.documentName}) ${passage.content}`).join('\n\n'),
  ].filter((part) => part !== '');
  return [
    { role: 'system', content: instructions.join('\n\n') },
    { role: 'user', content: question },
  ];
}

/** The original's `result`: passages grouped by the document they come from, best first. */
function bySource(passages: RetrievedPassage[]): { source_id: string; source_name: string; kb_id: string; chunk: { chunk_context: string; score: number; chunk_id: string; position: number; page: number | null }[] }[] {
  const sources = new Map<string, ReturnType<typeof bySource>[number]>();
  for (const passage of passages) {
    let source = sources.get(passage.documentId);
    if (source === undefined) {
      source = { source_id: passage.documentId, source_name: passage.documentName, kb_id: passage.kbId, chunk: [] };
      sources.set(passage.documentId, source);
    }
    source.chunk.push({ chunk_context: passage.content, score: passage.score, chunk_id: passage.chunkId, position: passage.position, page: passage.page ?? null });
  }
  return [...sources.values()];
}
