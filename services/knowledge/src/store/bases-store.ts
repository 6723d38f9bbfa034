import { sql, type Selectable } from 'kysely';
import { isUniqueViolation, jsonValue, type Database } from '@astron/kit/db';
import { AppError } from '@astron/kit/errors';
import type { Backend, ChunkingSettings, KnowledgeSchema, RetrievalSettings } from './tables.js';

export interface KnowledgeBaseRecord {
  id: string;
  spaceId: string;
  name: string;
  description: string;
  backend: Backend;
  embeddingModel: string | null;
  dimensions: number | null;
  chunking: ChunkingSettings;
  retrieval: RetrievalSettings;
  ragflowDatasetId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  documentCount: number;
  chunkCount: number;
}

export type NewKnowledgeBase = Omit<KnowledgeBaseRecord, 'createdAt' | 'updatedAt' | 'documentCount' | 'chunkCount' | 'dimensions'>;

export interface KnowledgeBasePatch {
  name?: string;
  description?: string;
  chunking?: ChunkingSettings;
  retrieval?: RetrievalSettings;
  /** Changing the model also forgets the learned vector size. */
  embeddingModel?: string;
}

export const knowledgeBaseExists = (name: string) => new AppError({ code: 'knowledge_base_exists', status: 409, message: `the space already has a knowledge base named "${name}"` });

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

type Row = Selectable<KnowledgeSchema['knowledge_bases']> & { document_count: number | string | null; chunk_count: number | string | null };

function toRecord(row: Row): KnowledgeBaseRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    name: row.name,
    description: row.description,
    backend: row.backend,
    embeddingModel: row.embedding_model,
    dimensions: row.dimensions === null ? null : Number(row.dimensions),
    chunking: parsed(row.chunking),
    retrieval: parsed(row.retrieval),
    ragflowDatasetId: row.ragflow_dataset_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    documentCount: Number(row.document_count ?? 0),
    chunkCount: Number(row.chunk_count ?? 0),
  };
}

/** Knowledge bases, always looked up within the caller's space (except by the ingestion worker, by id). */
export function basesStore(db: Database<KnowledgeSchema>) {
  const k = db.kysely;

  const withCounts = () =>
    k
      .selectFrom('knowledge_bases as kb')
      .selectAll('kb')
      .select((eb) => [
        eb.selectFrom('documents').whereRef('documents.kb_id', '=', 'kb.id').select((inner) => inner.fn.countAll<number>().as('n')).as('document_count'),
        eb.selectFrom('documents').whereRef('documents.kb_id', '=', 'kb.id').select((inner) => inner.fn.sum<number>('documents.chunk_count').as('n')).as('chunk_count'),
      ]);

  async function byId(id: string): Promise<KnowledgeBaseRecord | null> {
    const row = await withCounts().where('kb.id', '=', id).executeTakeFirst();
    return row === undefined ? null : toRecord(row);
  }

  return {
    byId,

    async get(spaceId: string, id: string): Promise<KnowledgeBaseRecord | null> {
      const row = await withCounts().where('kb.space_id', '=', spaceId).where('kb.id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async list(spaceId: string): Promise<KnowledgeBaseRecord[]> {
      const rows = await withCounts().where('kb.space_id', '=', spaceId).orderBy('kb.created_at', 'desc').orderBy('kb.id', 'desc').execute();
      return rows.map(toRecord);
    },

    async nameTaken(spaceId: string, name: string, except?: string): Promise<boolean> {
      let query = k.selectFrom('knowledge_bases').select('id').where('space_id', '=', spaceId).where('name', '=', name);
      if (except !== undefined) query = query.where('id', '!=', except);
      return (await query.executeTakeFirst()) !== undefined;
    },

    async create(base: NewKnowledgeBase): Promise<KnowledgeBaseRecord> {
      const now = new Date();
      try {
        await k
          .insertInto('knowledge_bases')
          .values({
            id: base.id,
            space_id: base.spaceId,
            name: base.name,
            description: base.description,
            backend: base.backend,
            embedding_model: base.embeddingModel,
            dimensions: null,
            chunking: jsonValue(base.chunking),
            retrieval: jsonValue(base.retrieval),
            ragflow_dataset_id: base.ragflowDatasetId,
            created_by: base.createdBy,
            created_at: now,
            updated_at: now,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw knowledgeBaseExists(base.name);
        throw error;
      }
      return (await byId(base.id))!;
    },

    async update(spaceId: string, id: string, patch: KnowledgeBasePatch): Promise<KnowledgeBaseRecord | null> {
      try {
        const updated = await k
          .updateTable('knowledge_bases')
          .set({
            updated_at: new Date(),
            ...(patch.name === undefined ? {} : { name: patch.name }),
            ...(patch.description === undefined ? {} : { description: patch.description }),
            ...(patch.chunking === undefined ? {} : { chunking: jsonValue(patch.chunking) }),
            ...(patch.retrieval === undefined ? {} : { retrieval: jsonValue(patch.retrieval) }),
            ...(patch.embeddingModel === undefined ? {} : { embedding_model: patch.embeddingModel, dimensions: null }),
          })
          .where('space_id', '=', spaceId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return null;
      } catch (error) {
        if (isUniqueViolation(error) && patch.name !== undefined) throw knowledgeBaseExists(patch.name);
        throw error;
      }
      return byId(id);
    },

    /** Documents and chunks go with it (foreign keys cascade). */
    async remove(spaceId: string, id: string): Promise<boolean> {
      const deleted = await k.deleteFrom('knowledge_bases').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0;
    },

    /**
     * Records the vector size the base's model answers with, if none is known yet, and returns the size in force:
     * the first vectors fix it, so two documents embedding at once agree on one size.
     */
    async fixDimensions(id: string, dimensions: number): Promise<number | null> {
      await k.updateTable('knowledge_bases').set({ dimensions }).where('id', '=', id).where('dimensions', 'is', null).execute();
      const row = await k.selectFrom('knowledge_bases').select('dimensions').where('id', '=', id).executeTakeFirst();
      return row?.dimensions === undefined || row.dimensions === null ? null : Number(row.dimensions);
    },

    /** Chunks stored for the base (embedded or not): its model may change only while there are none. */
    async hasChunks(id: string): Promise<boolean> {
      const row = await k.selectFrom('chunks').select(sql<number>`1`.as('one')).where('kb_id', '=', id).limit(1).executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type BasesStore = ReturnType<typeof basesStore>;
