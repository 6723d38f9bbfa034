import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signServiceToken } from '@astron/kit/crypto';
import { readEventStream } from '@astron/kit/service-client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@astron/kit/db';
import { loadConfig } from './config.js';
import type { KnowledgeModels } from './models.js';
import { startKnowledge, type RunningKnowledge } from './service.js';

export const knowledgeTestSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export interface CallOptions {
  /** null: a token without a space. */
  space?: string | null;
  /** Who the hub acts for: a person by default. */
  as?: { app: string } | { user: string };
  /** JSON, or a FormData sent as multipart. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export interface KnowledgeUnderTest {
  url: string;
  service: RunningKnowledge;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** Opens the base's event stream; `until` sees every event so far and ends the read by returning true. */
  events(kbId: string, until: (events: SseEvent[]) => boolean, options?: { space?: string; timeoutMs?: number }): Promise<SseEvent[]>;
  /** Polls the document until `done` holds (e.g. ready or failed). */
  waitFor(kbId: string, documentId: string, done: (document: any) => boolean, timeoutMs?: number): Promise<any>;
}

export interface SseEvent {
  event: string | undefined;
  data: any;
}

/** Where a test file's services keep their data: one embedded PostgreSQL (PGlite with pgvector) and a file folder. */
export interface TestGround {
  database: EmbeddedPostgres;
  dataDir: string;
  close(): Promise<void>;
}

export async function openTestGround(): Promise<TestGround> {
  const database = await startEmbeddedPostgres({ dataDir: null });
  const dataDir = await mkdtemp(join(tmpdir(), 'astron-knowledge-'));
  return {
    database,
    dataDir,
    async close() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function serviceToken(space: string | null, as: CallOptions['as']): string {
  return signServiceToken(knowledgeTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', ...(space === null ? {} : { space }), ...(as ?? { user: 'usr_1' }) });
}

/**
 * A knowledge service on a free port, on the ground's database (schema `schema`) and files, with `models` for
 * embeddings (fixedModels against the fake OpenAI server). Stop it and start another on the same ground to restart.
 */
export async function startTestKnowledge(ground: TestGround, models: KnowledgeModels, options: { schema?: string; env?: Record<string, string> } = {}): Promise<KnowledgeUnderTest> {
  const { database } = ground;
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ...knowledgeTestSecrets,
    ASTRON_DATA_DIR: ground.dataDir,
    DATABASE_URL: `postgres://${database.user}:${database.password}@${database.host}:${database.port}/${database.database}?schema=${options.schema ?? 'knowledge'}`,
    ...options.env,
  });
  config.service.port = 0;
  const service = await startKnowledge(config, {}, { models });

  const call: KnowledgeUnderTest['call'] = async (method, path, callOptions = {}) => {
    const token = serviceToken(callOptions.space === undefined ? 'space_a' : callOptions.space, callOptions.as);
    const headers: Record<string, string> = { authorization: `Service ${token}`, ...callOptions.headers };
    let body: string | FormData | undefined;
    if (callOptions.body instanceof FormData) body = callOptions.body;
    else if (callOptions.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(callOptions.body);
    }
    const response = await fetch(`${service.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, text, body: parsed, headers: response.headers };
  };

  const events: KnowledgeUnderTest['events'] = async (kbId, until, eventOptions = {}) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), eventOptions.timeoutMs ?? 20_000);
    const response = await fetch(`${service.url}/knowledge/bases/${kbId}/events`, { headers: { authorization: `Service ${serviceToken(eventOptions.space ?? 'space_a', undefined)}` }, signal: controller.signal });
    if (!response.ok || response.body === null) throw new Error(`the event stream answered ${response.status}: ${await response.text()}`);
    const seen: SseEvent[] = [];
    try {
      for await (const event of readEventStream(response.body)) {
        seen.push({ event: event.event, data: JSON.parse(event.data) as unknown });
        if (until(seen)) return seen;
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      throw new Error(`the awaited events did not come; got ${JSON.stringify(seen.map((event) => [event.event, event.data?.status]))}`, { cause: error });
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return seen;
  };

  const waitFor: KnowledgeUnderTest['waitFor'] = async (kbId, documentId, done, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await call('GET', `/knowledge/bases/${kbId}/documents/${documentId}`);
      if (done(answer.body)) return answer.body;
      if (Date.now() > deadline) throw new Error(`document ${documentId} did not get there in time: ${answer.text}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  return { url: service.url, service, call, events, waitFor };
}

/** A multipart body with one `file`. */
export function fileForm(name: string, content: string | Uint8Array, extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? Buffer.from(content) : content]), name);
  for (const [key, value] of Object.entries(extra)) form.append(key, value);
  return form;
}

/** Paragraphs of distinct sentences, about 44 tokens each: one chunk each at 64 tokens per chunk, without overlap. */
export function paragraphs(count: number, topic = 'topic'): string {
  return Array.from({ length: count }, (_, index) => `Paragraph ${index} about ${topic} ${index}: the ${topic} number ${index} has its own facts, figures and remarks worth keeping apart from the others, told at some length so that it fills most of a small chunk by itself.`).join('\n\n');
}
