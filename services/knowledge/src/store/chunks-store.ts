import { sql, type Kysely, type Selectable } from 'kysely';
import { randomId } from '@astron/kit/crypto';
import { isUniqueViolation, jsonValue, qualifiedTable, type Database } from '@astron/kit/db';
import { vectorText } from '../retrieval/vector-index.js';
import { toDocument, type DocumentRecord } from './documents-store.js';
import type { KnowledgeSchema } from './tables.js';

export interface ChunkRecord {
  id: string;
  kbId: string;
  documentId: string;
  position: number;
  content: string;
  tokens: number;
  headingPath: string[];
  page: number | null;
  pageEnd: number | null;
  enabled: boolean;
  edited: boolean;
  /** Has a vector; false while it waits for the embedding model. */
  embedded: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A chunk as parsing makes it, or as a person writes it. */
export interface ChunkContent {
  content: string;
  searchText: string;
  tokens: number;
  headingPath: string[];
  page: number | null;
  pageEnd: number | null;
}

export interface ChunkOwner {
  id: string;
  kbId: string;
  spaceId: string;
}

const INSERT_BATCH = 500;

const chunkColumns = ['id', 'kb_id', 'document_id', 'position', 'content', 'tokens', 'heading_path', 'page', 'page_end', 'enabled', 'edited', 'created_at', 'updated_at'] as const;

type ChunkRow = Pick<Selectable<KnowledgeSchema['chunks']>, (typeof chunkColumns)[number]> & { embedded: boolean };

function toChunk(row: ChunkRow): ChunkRecord {
  return {
    id: row.id,
    kbId: row.kb_id,
    documentId: row.document_id,
    position: Number(row.position),
    content: row.content,
    tokens: Number(row.tokens),
    headingPath: (typeof row.heading_path === 'string' ? JSON.parse(row.heading_path) : row.heading_path) as string[],
    page: row.page === null ? null : Number(row.page),
    pageEnd: row.page_end === null ? null : Number(row.page_end),
    enabled: row.enabled,
    edited: row.edited,
    embedded: row.embedded,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function rowOf(owner: ChunkOwner, position: number, chunk: ChunkContent, now: Date) {
  return {
    id: randomId('chk'),
    kb_id: owner.kbId,
    document_id: owner.id,
    space_id: owner.spaceId,
    position,
    content: chunk.content,
    search_text: chunk.searchText,
    tokens: chunk.tokens,
    heading_path: jsonValue(chunk.headingPath),
    page: chunk.page,
    page_end: chunk.pageEnd,
    embedding: null,
    dimensions: null,
    created_at: now,
    updated_at: now,
  };
}

/** Recounts a document's chunks and embedded chunks from the chunks themselves, so counts never drift. */
async function recount(k: Kysely<KnowledgeSchema>, documentId: string, extra: { status?: 'embedding'; pageCount?: number | null } = {}): Promise<DocumentRecord | null> {
  const row = await k
    .updateTable('documents')
    .set((eb) => ({
      chunk_count: eb.selectFrom('chunks').where('document_id', '=', documentId).select(eb.fn.countAll<number>().as('n')),
      embedded_count: eb.selectFrom('chunks').where('document_id', '=', documentId).where('embedding', 'is not', null).select(eb.fn.countAll<number>().as('n')),
      updated_at: new Date(),
      ...(extra.status === undefined ? {} : { status: extra.status }),
      ...(extra.pageCount === undefined ? {} : { page_count: extra.pageCount }),
    }))
    .where('id', '=', documentId)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? null : toDocument(row);
}

/** Chunks of documents, with their vectors. The API reaches them through their document, already scoped to a space. */
export function chunksStore(db: Database<KnowledgeSchema>) {
  const k = db.kysely;
  const select = () => k.selectFrom('chunks').select([...chunkColumns, sql<boolean>`embedding is not null`.as('embedded')]);

  return {
    recount: (documentId: string) => recount(k, documentId),

    /**
     * Stores what parsing made, in one transaction that also moves the document to `embedding`: a document is
     * either not chunked at all or fully chunked, so a job that dies while parsing simply parses again. Chunks a
     * person edited or added survive, after the parsed ones; the rest are replaced. Null when the document is gone.
     */
    async saveParsed(document: ChunkOwner, parsed: ChunkContent[], pageCount: number | null): Promise<DocumentRecord | null> {
      return k.transaction().execute(async (trx) => {
        const held = await trx.selectFrom('documents').select('id').where('id', '=', document.id).forUpdate().executeTakeFirst();
        if (held === undefined) return null;
        await trx.deleteFrom('chunks').where('document_id', '=', document.id).where('edited', '=', false).execute();
        const kept = await trx.selectFrom('chunks').select('id').where('document_id', '=', document.id).orderBy('position').execute();
        // Out of the way first (positions are unique per document), then after the parsed chunks.
        for (const [index, chunk] of kept.entries()) await trx.updateTable('chunks').set({ position: -1 - index }).where('id', '=', chunk.id).execute();
        const now = new Date();
        for (let start = 0; start < parsed.length; start += INSERT_BATCH) {
          const rows = parsed.slice(start, start + INSERT_BATCH).map((chunk, offset) => rowOf(document, start + offset, chunk, now));
          await trx.insertInto('chunks').values(rows).onConflict((conflict) => conflict.columns(['document_id', 'position']).doNothing()).execute();
        }
        for (const [index, chunk] of kept.entries()) await trx.updateTable('chunks').set({ position: parsed.length + index }).where('id', '=', chunk.id).execute();
        return recount(trx, document.id, { status: 'embedding', pageCount });
      });
    },

    /** The next chunks of the document without a vector, in document order. */
    async unembedded(documentId: string, limit: number): Promise<{ id: string; content: string }[]> {
      return k.selectFrom('chunks').select(['id', 'content']).where('document_id', '=', documentId).where('embedding', 'is', null).orderBy('position').limit(limit).execute();
    },

    /** Writes vectors of chunks that still have none (a chunk edited meanwhile keeps its newer one). */
    async writeEmbeddings(documentId: string, items: { id: string; vector: number[] }[]): Promise<void> {
      if (items.length === 0) return;
      const dimensions = items[0]?.vector.length ?? 0;
      await sql`
        update ${qualifiedTable(db, 'chunks')} as c
        set embedding = v.embedding::vector, dimensions = ${dimensions}, updated_at = now()
        from unnest(${items.map((item) => item.id)}::text[], ${items.map((item) => vectorText(item.vector))}::text[]) as v(id, embedding)
        where c.id = v.id and c.document_id = ${documentId} and c.embedding is null`.execute(k);
    },

    async list(documentId: string, options: { offset: number; limit: number; contains?: string }): Promise<{ items: ChunkRecord[]; total: number }> {
      const pattern = options.contains === undefined ? undefined : `%${options.contains.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      let query = select().where('document_id', '=', documentId);
      let count = k.selectFrom('chunks').select((eb) => eb.fn.countAll<number>().as('n')).where('document_id', '=', documentId);
      if (pattern !== undefined) {
        query = query.where('content', 'ilike', pattern);
        count = count.where('content', 'ilike', pattern);
      }
      const rows = await query.orderBy('position').offset(options.offset).limit(options.limit).execute();
      const total = Number((await count.executeTakeFirst())?.n ?? 0);
      return { items: rows.map(toChunk), total };
    },

    async get(documentId: string, chunkId: string): Promise<ChunkRecord | null> {
      const row = await select().where('document_id', '=', documentId).where('id', '=', chunkId).executeTakeFirst();
      return row === undefined ? null : toChunk(row);
    },

    /** A chunk written by a person, after the last one, with its vector; marked edited so a re-parse keeps it. */
    async append(document: ChunkOwner, chunk: ChunkContent, vector: number[]): Promise<ChunkRecord> {
      for (let attempt = 1; ; attempt += 1) {
        const last = await k.selectFrom('chunks').select((eb) => eb.fn.max('position').as('position')).where('document_id', '=', document.id).executeTakeFirst();
        const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
        const row = { ...rowOf(document, position, chunk, new Date()), edited: true, embedding: vectorText(vector), dimensions: vector.length };
        try {
          await k.insertInto('chunks').values(row).execute();
          await recount(k, document.id);
          return (await this.get(document.id, row.id))!;
        } catch (error) {
          // Another chunk took the position meanwhile: take the next one.
          if (!isUniqueViolation(error) || attempt >= 5) throw error;
        }
      }
    },

    async update(documentId: string, chunkId: string, patch: { content?: ChunkContent; vector?: number[]; enabled?: boolean }): Promise<ChunkRecord | null> {
      const { content, vector } = patch;
      const updated = await k
        .updateTable('chunks')
        .set({
          updated_at: new Date(),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
          ...(content === undefined ? {} : { content: content.content, search_text: content.searchText, tokens: content.tokens, edited: true }),
          ...(vector === undefined ? {} : { embedding: vectorText(vector), dimensions: vector.length }),
        })
        .where('document_id', '=', documentId)
        .where('id', '=', chunkId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return null;
      await recount(k, documentId);
      return this.get(documentId, chunkId);
    },

    async remove(documentId: string, chunkId: string): Promise<boolean> {
      const deleted = await k.deleteFrom('chunks').where('document_id', '=', documentId).where('id', '=', chunkId).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await recount(k, documentId);
      return true;
    },
  };
}

export type ChunksStore = ReturnType<typeof chunksStore>;
