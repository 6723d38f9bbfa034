import { AppError } from '@astron/kit/errors';
import type { ModelEndpoint } from '@astron/llm';

/**
 * Scores passages against a question with a rerank model: `POST {baseUrl}/rerank {model, query, documents, top_n}`
 * answered by `results: [{index, relevance_score}]` — what Jina, Cohere, Xinference, vLLM, SiliconFlow and the
 * fake OpenAI server share (Voyage names the list `data`; both are read). Returns one score per document, in the
 * documents' order, null for a document the model left out.
 *
 * Scores are kept in 0..1, the range the score threshold speaks: models that answer probabilities (Cohere, Jina,
 * Xinference) are taken as they are; when any score of an answer falls outside 0..1 the model answered raw logits
 * (bge rerankers behind TEI or vLLM), and the logistic function turns all of them into probabilities.
 */
export async function rerank(endpoint: ModelEndpoint, query: string, documents: string[], timeoutMs: number): Promise<(number | null)[]> {
  if (documents.length === 0) return [];
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/rerank`;
  const headers: Record<string, string> = { ...endpoint.headers, 'content-type': 'application/json' };
  if (endpoint.apiKey !== null) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const body = JSON.stringify({ model: endpoint.model, query, documents, top_n: documents.length });
  const deadline = AbortSignal.timeout(timeoutMs);
  let status: number;
  let text: string;
  try {
    // The global fetch, not the egress client: model endpoints come only from the hub, which vets provider URLs
    // when they are saved, and are called like the embedding and chat models are (decision 0008).
    // eslint-disable-next-line no-restricted-globals -- see the comment above
    const response = await fetch(url, { method: 'POST', headers, body, signal: deadline });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (deadline.aborted) {
      throw new AppError({ code: 'model_timeout', status: 504, retryable: true, message: `the rerank model ${endpoint.model} did not answer within ${timeoutMs} ms` });
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw failure(endpoint, `could not be reached at ${hostOf(url)} (${cause?.code ?? cause?.message ?? String(error)})`, true);
  }
  if (status < 200 || status >= 300) {
    throw failure(endpoint, `answered ${status} at ${hostOf(url)}: ${upstreamMessage(text)}`, status >= 500 || status === 429, status);
  }
  return scoresOf(endpoint, text, documents.length);
}

function scoresOf(endpoint: ModelEndpoint, text: string, count: number): (number | null)[] {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw failure(endpoint, `answered something other than JSON: ${text.slice(0, 200)}`, false);
  }
  const fields = typeof answer === 'object' && answer !== null ? (answer as { results?: unknown; data?: unknown }) : {};
  const results = fields.results ?? fields.data;
  if (!Array.isArray(results)) throw failure(endpoint, 'answered without a results list ([{index, relevance_score}])', false);
  const scores = new Array<number | null>(count).fill(null);
  for (const result of results as unknown[]) {
    const { index, relevance_score: score } = (result ?? {}) as { index?: unknown; relevance_score?: unknown };
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count || typeof score !== 'number' || !Number.isFinite(score)) {
      throw failure(endpoint, `answered a result that is not {index 0..${count - 1}, relevance_score}: ${JSON.stringify(result).slice(0, 200)}`, false);
    }
    scores[index] = score;
  }
  const probabilities = scores.every((score) => score === null || (score >= 0 && score <= 1));
  return probabilities ? scores : scores.map((score) => (score === null ? null : 1 / (1 + Math.exp(-score))));
}

function failure(endpoint: ModelEndpoint, what: string, retryable: boolean, upstreamStatus?: number): AppError {
  return new AppError({ code: 'rerank_failed', status: 502, retryable, message: `the rerank model ${endpoint.model} ${what}`, details: upstreamStatus === undefined ? undefined : { upstreamStatus } });
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

/** OpenAI's `{error: {message}}`, Cohere's `{message}`, or the start of whatever else came back. */
function upstreamMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    const message = typeof body.error === 'object' ? body.error.message : (body.error ?? body.message ?? body.detail);
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200);
}
