// Knowledge retrieval (services/knowledge): latency p50/p95 of hybrid, vector-only and full-text-only retrieval at
// 10,000 and 100,000 chunks, and the recall@5 of each mode on the labelled quality set the tests ship
// (services/knowledge/src/retrieval/fixtures/quality-set.ts). Chunks are 40-80 words of a generated language with
// Zipf-distributed words, embedded with the fake OpenAI server's embeddings (256 dimensions, hashed words and
// trigrams), written straight into the chunks table; each query goes through the retriever as the service calls it,
// its embedding over HTTP from the fake server on loopback. HNSW index (m 16, ef_construction 64) built after loading.
// About 7 minutes on 2 CPUs, most of it building the two HNSW indexes in WASM (some 3 ms a vector).
//
// Setups: embedded PGlite (pgvector in WASM, in memory). PostgreSQL only where the server has pgvector: Debian's
// PostgreSQL packages on the test machine have none, and the script says so instead of measuring it.
// Needs the built packages: `npx tsc -b services/knowledge` (npm run bench builds everything first).
import { sql } from 'kysely';
import { dropNamespace, migrate, openDatabase } from '../packages/kit/dist/db/index.js';
import { embedText, startFakeOpenAI } from '../packages/testing/dist/fake-openai/index.js';
import { testServers, uniqueName } from '../packages/testing/dist/servers/index.js';
import { fixedModels } from '../services/knowledge/dist/models.js';
import { measureRecall, seedQualityBase } from '../services/knowledge/dist/retrieval/fixtures/quality.js';
import { qualityPassages, qualityQueries } from '../services/knowledge/dist/retrieval/fixtures/quality-set.js';
import { seedBase, seedChunks, seedDocument } from '../services/knowledge/dist/retrieval/fixtures/seed.js';
import { createRetriever } from '../services/knowledge/dist/retrieval/retrieve.js';
import { ensureVectorIndex, vectorIndexName } from '../services/knowledge/dist/retrieval/vector-index.js';
import { migrations } from '../services/knowledge/dist/store/migrations.js';
import { summarize, writeResult } from './lib.mjs';

const progress = (line) => process.stderr.write(`knowledge-retrieval: ${line}\n`);
const DIMENSIONS = 256;
const SCALES = [10_000, 100_000];
const QUERIES_PER_MODE = 50;
const MODES = ['hybrid', 'vector', 'fulltext'];
const space = 'space_bench';
const base = { id: 'kb_bench', spaceId: space };

/** mulberry32: a seeded generator, so every run measures the same chunks and questions. */
let seed = 2010;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
  return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32;
}
const syllables = ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'su', 'vi', 'den', 'mar', 'pol', 'quin', 'ster', 'gra', 'fen', 'tal'];
const syllable = () => syllables[Math.floor(random() * syllables.length)];
/** 50,000 words: about the vocabulary of the 6 million words of 100,000 chunks of real text. */
const vocabulary = [...new Set(Array.from({ length: 90_000 }, () => Array.from({ length: 3 + Math.floor(random() * 4) }, syllable).join('')))].slice(0, 50_000);
/** Zipf: the word of rank r comes with probability ∝ 1/r, as in natural text. */
const zipfWord = () => vocabulary[Math.min(vocabulary.length, Math.floor(Math.exp(random() * Math.log(vocabulary.length)))) - 1];
const passage = () => Array.from({ length: 40 + Math.floor(random() * 41) }, zipfWord).join(' ');
/** Questions use 2 to 4 content words, of ranks 100 to 20,000 (the commoner ones are what a stop list drops). */
const question = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => vocabulary[100 + Math.floor(random() * 19_900)]).join(' ');

async function load(db, from, to) {
  const started = performance.now();
  for (let start = from; start < to; start += 5_000) {
    const chunks = [];
    for (let index = start; index < Math.min(to, start + 5_000); index += 1) {
      const content = passage();
      chunks.push({ id: `c${index}`, documentId: `d${Math.floor(index / 1_000)}`, content, vector: embedText(content, DIMENSIONS), position: index % 1_000 });
    }
    for (const documentId of new Set(chunks.filter((chunk) => chunk.position === 0).map((chunk) => chunk.documentId))) {
      await seedDocument(db, { id: documentId, kbId: base.id, spaceId: space, name: `${documentId}.txt` });
    }
    await seedChunks(db, base, chunks);
    if ((start + 5_000) % 20_000 === 0 || start + 5_000 >= to) progress(`  ${Math.min(to, start + 5_000)} chunks`);
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

async function measureLatency(retriever) {
  const latency = {};
  for (const mode of MODES) {
    for (let warm = 0; warm < 5; warm += 1) await retriever.retrieve({ spaceId: space, kbIds: [base.id], query: question(), mode, topK: 5 });
    const samples = [];
    let found = 0;
    for (let run = 0; run < QUERIES_PER_MODE; run += 1) {
      const started = performance.now();
      const results = await retriever.retrieve({ spaceId: space, kbIds: [base.id], query: question(), mode, topK: 5 });
      samples.push(performance.now() - started);
      found += results.length;
    }
    latency[mode] = { ...summarize(samples), meanResults: Math.round((found / QUERIES_PER_MODE) * 10) / 10 };
    progress(`  ${mode}: p50 ${latency[mode].p50} ms, p95 ${latency[mode].p95} ms`);
  }
  return latency;
}

/** Loads the chunks scale by scale, rebuilding the HNSW index after each load (a bulk build beats 90,000 inserts). */
async function measureScales(db, retriever) {
  await seedBase(db, { ...base, name: 'bench', embeddingModel: 'fake/fake-embedding', dimensions: DIMENSIONS });
  const scales = [];
  let loaded = 0;
  for (const chunks of SCALES) {
    progress(`loading to ${chunks} chunks`);
    await sql`drop index if exists ${sql.id(db.namespace, vectorIndexName(DIMENSIONS))}`.execute(db.kysely);
    const loadSeconds = await load(db, loaded, chunks);
    loaded = chunks;
    const indexing = performance.now();
    await ensureVectorIndex(db, DIMENSIONS);
    const indexBuildSeconds = Math.round((performance.now() - indexing) / 100) / 10;
    await sql`analyze ${sql.id(db.namespace, 'chunks')}`.execute(db.kysely);
    progress(`  index built in ${indexBuildSeconds} s; measuring ${QUERIES_PER_MODE} queries per mode`);
    scales.push({ chunks, loadSeconds, indexBuildSeconds, latencyMs: await measureLatency(retriever) });
  }
  return scales;
}

async function run(db, label) {
  const openai = await startFakeOpenAI({ recordRequests: false });
  try {
    await migrate(db, migrations);
    // One connection: SET reaches the statements that follow, on PGlite (one session anyway) and PostgreSQL alike.
    await sql`set maintenance_work_mem = '512MB'`.execute(db.kysely);
    const retriever = createRetriever({ db, models: fixedModels(openai.url, null), ragflow: null });
    progress(`${label}: quality set (${qualityPassages.length} passages, ${qualityQueries.length} queries)`);
    const qualityBase = { id: 'kb_quality', spaceId: 'space_quality', embeddingModel: 'fake/fake-embedding' };
    await seedQualityBase(db, qualityBase, (text) => embedText(text, DIMENSIONS));
    const quality = await measureRecall(retriever, qualityBase, 5);
    progress(`  recall@5: vector ${quality.recall.vector}, fulltext ${quality.recall.fulltext}, hybrid ${quality.recall.hybrid}`);
    return { quality: { passages: qualityPassages.length, queries: qualityQueries.length, recallAt5: quality.recall }, scales: await measureScales(db, retriever) };
  } finally {
    await openai.close();
  }
}

/** The test PostgreSQL when it offers pgvector; otherwise why not. */
async function postgresWithVector() {
  const address = `${testServers.postgres.host}:${testServers.postgres.port}`;
  let db;
  try {
    db = await openDatabase({ kind: 'postgres', ...testServers.postgres, namespace: uniqueName('bench_kr'), pool: { maxOpen: 1, maxIdle: 0 } });
  } catch (error) {
    return { db: null, reason: `PostgreSQL at ${address} is not reachable (${error.message})` };
  }
  const available = await sql`select 1 from pg_available_extensions where name = 'vector'`.execute(db.kysely);
  if (available.rows.length > 0) return { db, reason: null };
  await dropNamespace(db);
  await db.close();
  return { db: null, reason: `PostgreSQL at ${address} has no pgvector extension (Debian's postgresql packages do not ship it): embedded figures only` };
}

const started = performance.now();
progress('embedded: PGlite in memory');
const embeddedDb = await openDatabase({ kind: 'pglite', dataDir: null, namespace: 'knowledge', pool: { maxOpen: 1, maxIdle: 1 } });
let embedded;
try {
  embedded = await run(embeddedDb, 'embedded');
} finally {
  await embeddedDb.close();
}

const postgres = await postgresWithVector();
let postgresResult = { skipped: postgres.reason };
if (postgres.db !== null) {
  try {
    postgresResult = await run(postgres.db, 'postgres');
  } finally {
    await dropNamespace(postgres.db);
    await postgres.db.close();
  }
} else {
  progress(`postgres: ${postgres.reason}`);
}

writeResult('knowledge-retrieval', {
  unit: 'ms',
  setup: `retriever in process, ${DIMENSIONS}-dimension fake embeddings (query embedded over HTTP on loopback), topK 5, ${MODES.join('/')} modes, ${QUERIES_PER_MODE} sequential queries per mode after 5 warm-up queries, generated 40-80-word chunks with Zipf word frequencies, HNSW m 16 / ef_construction 64 built after loading`,
  embedded: { setup: 'PGlite in memory (pgvector in WASM), one connection', ...embedded },
  postgres: postgresResult,
  totalSeconds: Math.round((performance.now() - started) / 1000),
});
