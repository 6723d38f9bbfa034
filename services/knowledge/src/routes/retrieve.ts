import type { FastifyRequest } from 'fastify';
import { isAppError } from '@astron/kit/errors';
import { callerSpace, serviceCaller, type App } from '@astron/kit/http';
import { z } from 'zod';
import type { RetrievedPassage, Retriever } from '../retrieval/retrieve.js';

export interface RetrievalRoutesDependencies {
  serviceToken: string;
  retriever: Retriever;
}

const tags = ['retrieval'];
const idSchema = z.string().min(1).max(64);

const retrieveSchema = z.object({
  kbIds: z.array(idSchema).min(1).max(10),
  query: z.string().trim().min(1).max(4_000),
  topK: z.number().int().min(1).max(50).optional(),
  scoreThreshold: z.number().min(0).max(1).optional(),
  mode: z.enum(['hybrid', 'vector', 'fulltext']).optional(),
  rerank: z.boolean().optional(),
  filters: z.object({ documentIds: z.array(idSchema).min(1).max(100).optional() }).optional(),
  explain: z.boolean().optional(),
});

/**
 * The original astron-agent's ChunkQueryReq (core/knowledge/domain/entity/chunk_dto.py). Its agent sends `topN`
 * as a string ("3"), which pydantic turns into an int; so does this.
 */
const chunkQuerySchema = z.object({
  query: z.string().min(1),
  topN: z.coerce.number().int().min(1).max(5),
  match: z.object({
    docIds: z.array(z.string()).nullish(),
    repoId: z.array(z.string().min(1)).min(1).max(50),
    threshold: z.coerce.number().min(0).max(1).default(0),
    flowId: z.string().nullish(),
  }),
  ragType: z.enum(['AIUI-RAG2', 'CBG-RAG', 'SparkDesk-RAG', 'Ragflow-RAG']),
});

/** The original's codes (core/knowledge/consts/error_code.py) for what can go wrong in a chunk query. */
const originalCodes = { parameterCheck: 10001, parameterInvalid: 10003, thirdPartyFailed: 11111, serviceException: 14999 };

/** The caller's space: from its service token only, never from the body. */
function spaceOf(request: FastifyRequest, serviceToken: string): string {
  return callerSpace(serviceCaller(request, serviceToken));
}

/** A passage as the original's chunk query answers it (the AIUI strategy's fields, a superset of RAGFlow's). */
function originalResult(passage: RetrievedPassage) {
  return {
    score: passage.score,
    docId: passage.documentId,
    title: passage.documentName,
    content: passage.content,
    context: passage.content,
    chunkId: passage.chunkId,
    references: {},
    docInfo: { documentId: passage.documentId, documentName: passage.documentName, repoId: passage.kbId, position: passage.position, page: passage.page },
    fileName: passage.documentName,
  };
}

/**
 * Retrieval for the hub (the gateway's /v1/knowledge/{kbId}/retrieve, the console's hit test) and the agent and
 * workflow services; and the original's `/knowledge/v1/chunk/query` for clients written against astron-agent.
 */
export function retrievalRoutes(app: App, dependencies: RetrievalRoutesDependencies): void {
  const { serviceToken, retriever } = dependencies;

  app.post('/knowledge/retrieve', { schema: { tags, body: retrieveSchema } }, async (request) => {
    const spaceId = spaceOf(request, serviceToken);
    const { filters, ...rest } = request.body;
    const results = await retriever.retrieve({ spaceId, ...rest, ...(filters?.documentIds === undefined ? {} : { filters: { documentIds: filters.documentIds } }) });
    return { results };
  });

  /**
   * Answers as the original does: HTTP 200 with `{code: 0, message: "success", sid, data: {query, count, results}}`,
   * or `{code, message, sid}` with its error codes. `repoId` holds our knowledge base ids; `ragType` is checked but
   * the base decides its backend; `flowId` is ignored; `sid` is the request id.
   */
  app.post('/knowledge/v1/chunk/query', { schema: { tags, summary: "astron-agent's chunk query (compatible request and answer)" } }, async (request) => {
    const spaceId = spaceOf(request, serviceToken);
    const sid = String(request.id);
    const parsed = chunkQuerySchema.safeParse(request.body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `field: ${['body', ...issue.path].join('.')}, message: ${issue.message}`);
      return { code: originalCodes.parameterInvalid, message: `Request parameter error: ${JSON.stringify(problems)}`, sid };
    }
    const { query, topN, match } = parsed.data;
    const documentIds = match.docIds ?? [];
    try {
      const passages = await retriever.retrieve({ spaceId, kbIds: match.repoId, query, topK: topN, scoreThreshold: match.threshold, ...(documentIds.length === 0 ? {} : { filters: { documentIds } }) });
      return { code: 0, message: 'success', sid, data: { query, count: passages.length, results: passages.map(originalResult) } };
    } catch (error) {
      if (isAppError(error) && error.status < 500) return { code: originalCodes.parameterCheck, message: error.message, sid };
      request.log.error({ err: error }, 'chunk query failed');
      if (isAppError(error) && [502, 503, 504].includes(error.status)) return { code: originalCodes.thirdPartyFailed, message: error.message, sid };
      return { code: originalCodes.serviceException, message: `internal error (request ${sid})`, sid };
    }
  });
}
