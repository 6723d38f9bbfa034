import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { gatewayCaller } from '../gateway/caller.js';
import { knowledgeService } from './knowledge-service.js';

const tags = ['gateway'];
const params = z.object({ kbId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -') });
const retrieveSchema = z.object({
  query: z.string().trim().min(1, 'must not be empty').max(8_000),
  top_k: z.number().int().min(1).max(50).optional(),
  score_threshold: z.number().min(0).max(1).optional(),
  document_ids: z.array(z.string().max(64)).max(100).optional(),
});

interface Passage {
  content: string;
  score: number;
  documentId: string;
  documentName: string;
  position: number;
  page?: number | null;
}

/** `POST /v1/knowledge/{kbId}/retrieve` with an API key of the base's space: passages with their document and score. */
export function knowledgeGatewayRoutes(app: App, context: HubContext): void {
  const knowledge = knowledgeService(context);
  app.post('/v1/knowledge/:kbId/retrieve', { schema: { tags, params, body: retrieveSchema } }, async (request) => {
    const caller = gatewayCaller(request);
    const { query, top_k: topK, score_threshold: scoreThreshold, document_ids: documentIds } = request.body;
    const body = { kbIds: [request.params.kbId], query, ...(topK === undefined ? {} : { topK }), ...(scoreThreshold === undefined ? {} : { scoreThreshold }), ...(documentIds === undefined ? {} : { filters: { documentIds } }) };
    const answer = await knowledge.call<{ results: Passage[] }>({ space: caller.spaceId, app: caller.appId }, 'POST', '/knowledge/retrieve', { body });
    return {
      results: answer.results.map((passage) => ({
        content: passage.content,
        score: passage.score,
        document_id: passage.documentId,
        document_name: passage.documentName,
        position: passage.position,
        page: passage.page ?? null,
      })),
    };
  });
}
