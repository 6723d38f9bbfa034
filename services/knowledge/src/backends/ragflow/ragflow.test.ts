import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeRagflow } from '@astron/testing/fake-ragflow';
import type { FakeRagflow } from '@astron/testing/fake-ragflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRagflowClient,
  RagflowError,
  RagflowParsingError,
  RagflowTimeoutError,
  RagflowUnreachableError,
  waitForParsing,
} from './index.js';
import type { DocumentStatus, RagflowClient } from './index.js';

const token = 'ragflow-test-token';
let fake: FakeRagflow;
let client: RagflowClient;

beforeAll(async () => {
  fake = await startFakeRagflow({ token, parseTicks: 4, tickMs: 25 });
  // A trailing slash, as in the original's example RAGFLOW_BASE_URL.
  client = createRagflowClient({ baseUrl: `${fake.url}/`, apiToken: token, timeoutMs: 5000 });
});
afterAll(() => fake.close());

const handbook = [
  'New employees get twenty vacation days per year, and unused vacation days carry over once.',
  'The office opens at eight in the morning; the front desk keeps spare badges.',
  'Expense reports are due on the fifth of each month and need a receipt for every item.',
].join('\n\n');

const upload = (datasetId: string, name: string, text: string) =>
  client.uploadDocument(datasetId, { name, bytes: Buffer.from(text), contentType: 'text/plain' });

async function parsedDocument(datasetId: string, name: string, text: string): Promise<string> {
  const document = await upload(datasetId, name, text);
  await client.startParsing(datasetId, [document.id]);
  await waitForParsing(client, datasetId, document.id, { pollMs: 5 });
  return document.id;
}

function lastRequest(path: string) {
  return fake.state.requests.filter((request) => request.path === path).at(-1);
}

describe('datasets', () => {
  it('creates, finds by name, refuses a duplicate name, and deletes a dataset', async () => {
    const dataset = await client.createDataset('Lifecycle KB', {
      description: 'for tests',
      chunkMethod: 'naive',
    });
    expect(dataset).toMatchObject({ name: 'Lifecycle KB', chunkMethod: 'naive' });
    expect(dataset.id).toMatch(/^[0-9a-f]{32}$/);
    expect(lastRequest('/api/v1/datasets')?.headers.authorization).toBe(`Bearer ${token}`);
    expect(lastRequest('/api/v1/datasets')?.body).toEqual({
      name: 'Lifecycle KB',
      description: 'for tests',
      chunk_method: 'naive',
    });

    expect(await client.findDataset('lifecycle kb')).toEqual(dataset);
    const duplicate = await client.createDataset('Lifecycle KB').catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(RagflowError);
    expect(duplicate).toMatchObject({
      code: 'ragflow_error',
      ragflowCode: 103,
      ragflowMessage: "Dataset name 'Lifecycle KB' already exists",
    });

    await client.deleteDataset(dataset.id);
    expect(await client.findDataset('Lifecycle KB')).toBeUndefined();
    await expect(client.deleteDataset(dataset.id)).rejects.toMatchObject({ ragflowCode: 108 });
  });
});

describe('documents', () => {
  it('uploads, parses with progress reported, and lists the chunks', async () => {
    const dataset = await client.createDataset('Parsing KB');
    const document = await upload(dataset.id, 'handbook.txt', handbook);
    expect(document).toMatchObject({ name: 'handbook.txt', size: Buffer.byteLength(handbook) });
    expect(await client.documentStatus(dataset.id, document.id)).toEqual({
      status: 'pending',
      progress: 0,
      chunkCount: 0,
    });

    await client.startParsing(dataset.id, [document.id]);
    const seen: DocumentStatus[] = [];
    const done = await waitForParsing(client, dataset.id, document.id, {
      pollMs: 5,
      onProgress: (status) => seen.push(status),
    });
    expect(done).toMatchObject({ status: 'done', progress: 1, chunkCount: 3 });
    expect(seen.at(-1)).toEqual(done);
    expect(
      seen.some((status) => status.status === 'running' && status.progress > 0 && status.progress < 1),
    ).toBe(true);
    const progress = seen.map((status) => status.progress);
    expect(progress).toEqual([...progress].sort((left, right) => left - right));

    const all = await client.listChunks(dataset.id, document.id);
    expect(all.total).toBe(3);
    expect(all.chunks.map((chunk) => chunk.content)).toEqual(handbook.split('\n\n'));
    expect(all.chunks[0]).toMatchObject({ documentId: document.id, available: true });
    const firstTwo = await client.listChunks(dataset.id, document.id, { pageSize: 2 });
    expect(firstTwo).toMatchObject({ total: 3, chunks: all.chunks.slice(0, 2) });
  });

  it('returns the name RAGFlow gave a second file of the same name, and deletes documents', async () => {
    const dataset = await client.createDataset('Rename KB');
    await upload(dataset.id, 'notes.txt', 'one');
    const second = await upload(dataset.id, 'notes.txt', 'two');
    expect(second.name).toBe('notes(1).txt');
    await client.deleteDocument(dataset.id, second.id);
    await expect(client.documentStatus(dataset.id, second.id)).rejects.toMatchObject({
      ragflowCode: 102,
      ragflowMessage: `You don't own the document ${second.id}.`,
    });
    expect(fake.state.datasets.get(dataset.id)?.documents.size).toBe(1);
  });

  it('reports a failed parse with the error line RAGFlow logged', async () => {
    fake.state.failingFiles.add('broken.txt');
    const dataset = await client.createDataset('Failing KB');
    const document = await upload(dataset.id, 'broken.txt', handbook);
    await client.startParsing(dataset.id, [document.id]);
    const failure = await waitForParsing(client, dataset.id, document.id, { pollMs: 5 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RagflowParsingError);
    expect(failure).toMatchObject({
      code: 'ragflow_parsing_failed',
      documentStatus: { status: 'failed', progress: 0, chunkCount: 0 },
    });
    expect((failure as RagflowParsingError).message).toMatch(/\[ERROR\]Fail to parse broken\.txt/);
  });

  it('gives up waiting for a parse that never ends', async () => {
    const dataset = await client.createDataset('Stuck KB');
    const document = await upload(dataset.id, 'never-started.txt', handbook);
    const failure = await waitForParsing(client, dataset.id, document.id, { pollMs: 5, timeoutMs: 60 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({
      code: 'ragflow_parsing_timeout',
      retryable: true,
      documentStatus: { status: 'pending' },
    });
  });

  it('keeps waiting through a poll that fails retryably', async () => {
    let statusPolls = 0;
    const flaky = createRagflowClient({
      baseUrl: fake.url,
      apiToken: token,
      timeoutMs: 5000,
      // The first status poll loses its connection, as when RAGFlow restarts.
      fetch: (input, init) => {
        const isStatusPoll = init?.method === 'GET' && (input as URL).href.includes('/documents?');
        if (isStatusPoll) statusPolls += 1;
        if (isStatusPoll && statusPolls === 1) {
          return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }));
        }
        return fetch(input, init);
      },
    });
    const dataset = await flaky.createDataset('Flaky KB');
    const document = await upload(dataset.id, 'handbook.txt', handbook);
    await flaky.startParsing(dataset.id, [document.id]);
    await expect(waitForParsing(flaky, dataset.id, document.id, { pollMs: 5 })).resolves.toMatchObject({
      status: 'done',
    });
    expect(statusPolls).toBeGreaterThan(1);
  });
});

describe('retrieval', () => {
  let datasetId: string;
  let handbookId: string;
  let menuId: string;

  beforeAll(async () => {
    datasetId = (await client.createDataset('Retrieval KB')).id;
    handbookId = await parsedDocument(datasetId, 'handbook.txt', handbook);
    menuId = await parsedDocument(
      datasetId,
      'menu.txt',
      'The canteen serves noodles on Monday.\n\nVacation menus are posted in June.',
    );
  });

  it('ranks the passage that answers the question first', async () => {
    const passages = await client.retrieve({
      question: 'How many vacation days do new employees get?',
      datasetIds: [datasetId],
      topK: 3,
      scoreThreshold: 0,
    });
    expect(passages).toHaveLength(3);
    expect(passages[0]).toMatchObject({
      content: handbook.split('\n\n')[0],
      documentId: handbookId,
      documentName: 'handbook.txt',
      datasetId,
    });
    const scores = passages.map((passage) => passage.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
    expect(scores[0]).toBeGreaterThan(scores[1] ?? 1);
    expect(lastRequest('/api/v1/retrieval')?.body).toMatchObject({
      top_k: 1024,
      page: 1,
      page_size: 3,
      vector_similarity_weight: 0.2,
    });
  });

  it('leaves out passages under the score threshold', async () => {
    const question = 'When are expense reports due?';
    const all = await client.retrieve({ question, datasetIds: [datasetId], topK: 10, scoreThreshold: 0 });
    expect(all.length).toBeGreaterThan(1);
    expect(all.every((passage) => passage.score >= 0)).toBe(true);
    const [best, second] = all.map((passage) => passage.score);
    const threshold = ((best ?? 0) + (second ?? 0)) / 2;
    const strict = await client.retrieve({
      question,
      datasetIds: [datasetId],
      topK: 10,
      scoreThreshold: threshold,
    });
    expect(strict.map((passage) => passage.content)).toEqual([handbook.split('\n\n')[2]]);
  });

  it('searches only the given documents', async () => {
    const passages = await client.retrieve({
      question: 'vacation',
      datasetIds: [datasetId],
      documentIds: [menuId],
      topK: 10,
      scoreThreshold: 0,
    });
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.every((passage) => passage.documentId === menuId)).toBe(true);
  });
});

describe('failures', () => {
  it('turns a rejected API token into a typed error with RAGFlow code and message', async () => {
    const intruder = createRagflowClient({ baseUrl: fake.url, apiToken: 'wrong-token', timeoutMs: 5000 });
    const failure = await intruder.createDataset('Nope').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RagflowError);
    expect(failure).toMatchObject({
      code: 'ragflow_unauthorized',
      status: 502,
      ragflowCode: 109,
      ragflowMessage: 'Authentication error: API key is invalid!',
    });
    expect(() => createRagflowClient({ baseUrl: fake.url, apiToken: '', timeoutMs: 5000 })).toThrow(
      /RAGFLOW_API_TOKEN/,
    );
  });

  it('times out on a server that never answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const started = Date.now();
      const failure = await createRagflowClient({ baseUrl, apiToken: token, timeoutMs: 200 })
        .findDataset('any')
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(RagflowTimeoutError);
      expect(failure).toMatchObject({ code: 'ragflow_timeout', retryable: true });
      expect((failure as Error).message).toBe(`the RAGFlow server at ${baseUrl} did not answer within 0.2 s`);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('says when nothing listens at the RAGFlow URL', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const failure = await createRagflowClient({ baseUrl, apiToken: token, timeoutMs: 2000 })
      .retrieve({ question: 'q', datasetIds: ['x'], topK: 1, scoreThreshold: 0 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RagflowUnreachableError);
    expect((failure as Error).message).toBe(`RAGFlow at ${baseUrl} is unreachable (ECONNREFUSED)`);
  });

  it('reports an answer that is not the RAGFlow envelope, such as a proxy error page', async () => {
    const proxy = createServer((_request, response) =>
      response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'),
    );
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const failure = await createRagflowClient({ baseUrl, apiToken: token, timeoutMs: 2000 })
        .deleteDataset('x')
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({
        code: 'ragflow_bad_response',
        retryable: true,
        httpStatus: 502,
        ragflowCode: undefined,
      });
      expect((failure as Error).message).toMatch(/DELETE \/api\/v1\/datasets .*HTTP 502.*Bad Gateway/);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
