import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrate, openDatabase, type Database } from '@astron/kit/db';
import { embedText, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { fixedModels } from '../models.js';
import { migrations } from '../store/migrations.js';
import type { KnowledgeSchema } from '../store/tables.js';
import { measureRecall, seedQualityBase } from './fixtures/quality.js';
import { qualityPassages, qualityQueries } from './fixtures/quality-set.js';
import { createRetriever } from './retrieve.js';
import { ensureVectorIndex } from './vector-index.js';

let db: Database<KnowledgeSchema>;
let openai: FakeOpenAI;
const base = { id: 'kb_quality', spaceId: 'space_quality', embeddingModel: 'fake/fake-embedding' };

beforeAll(async () => {
  db = await openDatabase<KnowledgeSchema>({ kind: 'pglite', dataDir: null, namespace: 'knowledge', pool: { maxOpen: 4, maxIdle: 1 } });
  await migrate(db, migrations);
  openai = await startFakeOpenAI();
  await ensureVectorIndex(db, 256);
  await seedQualityBase(db, base, (text) => embedText(text));
}, 60_000);

afterAll(async () => {
  await db?.close();
  await openai?.close();
});

describe('retrieval quality', () => {
  test('the set is what its description says', () => {
    expect(qualityPassages.length).toBeGreaterThanOrEqual(40);
    expect(qualityQueries.length).toBeGreaterThanOrEqual(24);
    const ids = new Set(qualityPassages.map((passage) => passage.id));
    expect(ids.size).toBe(qualityPassages.length);
    for (const query of qualityQueries) for (const id of query.relevant) expect(ids).toContain(id);
    expect(new Set(qualityQueries.map((query) => query.kind))).toEqual(new Set(['paraphrase', 'keyword', 'chinese']));
  });

  /**
   * Why hybrid is at least as good as either mode on this set: where both lists hold a relevant passage in their
   * first places, fusion keeps it there (a passage high in both lists outscores one high in a single list). Where one
   * list misses, the other carries it: "money refunded" shares no word with its passage ("refunded" is not folded
   * to "refund"), so the text list is empty and hybrid is the vector order, whose trigrams find it; "minimum
   * password length rules" finds its passage 19th in the vector list (others share more trigrams), while the text
   * list, matching "passwords" through the plural folding, puts it first; in both lists, it fuses to second place. The two queries no mode answers share neither words nor spellings with their passages (a real embedding
   * model would find them). The floor guards against a change to ranking that costs recall.
   */
  test('recall@5 of vector-only, full-text-only and hybrid retrieval; hybrid is not worse than either', async () => {
    const report = await measureRecall(createRetriever({ db, models: fixedModels(openai.url, null), ragflow: null }), base, 5);
    console.log(`recall@5 over ${qualityQueries.length} queries: vector ${report.recall.vector}, fulltext ${report.recall.fulltext}, hybrid ${report.recall.hybrid}`);
    for (const each of report.queries) console.log(`  ${each.kind.padEnd(10)} v ${each.recall.vector.toFixed(2)} t ${each.recall.fulltext.toFixed(2)} h ${each.recall.hybrid.toFixed(2)}  ${each.query}`);
    expect(report.recall.hybrid).toBeGreaterThanOrEqual(report.recall.vector);
    expect(report.recall.hybrid).toBeGreaterThanOrEqual(report.recall.fulltext);
    expect(report.recall.hybrid).toBeGreaterThanOrEqual(0.9);
  });
});
