/**
 * How the knowledge service reaches a RAGFlow server. The original astron-agent's core-knowledge reads
 * the same four environment variables (core/knowledge/infra/ragflow/ragflow_client.py, ragflow_utils.py):
 *
 * - RAGFLOW_BASE_URL → `baseUrl`: the server's root, e.g. `http://ragflow:9380`; the client appends
 *   `/api/v1/...`. (The original joins with `urljoin(base, "/api/v1/...")`, which drops any path the base
 *   URL has; keeping it here only adds the reverse-proxy-under-a-path case.)
 * - RAGFLOW_API_TOKEN → `apiToken`: an API key made in RAGFlow's web UI, sent as `Authorization: Bearer`.
 * - RAGFLOW_TIMEOUT → `timeoutMs`: seconds in the original, the limit on each whole HTTP request
 *   (aiohttp `ClientTimeout(total=...)`); 30 when unset or not an integer, 60 in its Compose file.
 * - RAGFLOW_DEFAULT_GROUP → `defaultGroup`: the name of the one RAGFlow dataset that holds the documents
 *   of every "Ragflow-RAG" knowledge base. The original finds it by name and creates it when missing
 *   (`ensure_dataset`: chunk method "naive", description "Automatically created dataset: <name>"),
 *   uploads every file into it, and searches only it: a query ignores the repo ids it is given and
 *   narrows by `document_ids` alone. Chunk save, update and delete fail with "RAGFLOW_DEFAULT_GROUP
 *   configuration missing" when it is unset; split and query fall back to "Stellar Knowledge Base"
 *   (the deployment guide's example is 星辰知识库).
 */
export interface RagflowSettings {
  baseUrl: string;
  apiToken: string;
  timeoutMs: number;
  defaultGroup: string;
}
