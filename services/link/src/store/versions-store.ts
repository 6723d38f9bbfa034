import type { Selectable } from 'kysely';
import { isUniqueViolation, jsonValue, type Database } from '@astron/kit/db';
import type { Operation, SkippedOperation } from '../domain/openapi/types.js';
import type { LinkSchema, ToolVersionsTable } from './tables.js';
import { parsed } from './tool-sets-store.js';

export interface VersionRecord {
  toolSetId: string;
  spaceId: string;
  version: string;
  seq: number;
  name: string;
  description: string;
  format: string;
  document: Record<string, unknown>;
  serverUrl: string | null;
  operations: Operation[];
  skipped: SkippedOperation[];
  publishedBy: string;
  publishedAt: Date;
}

export type NewVersion = Omit<VersionRecord, 'seq' | 'publishedAt' | 'version'> & {
  /** A label, or null for `v<seq>`. */
  version: string | null;
};

function toRecord(row: Selectable<ToolVersionsTable>): VersionRecord {
  return {
    toolSetId: row.tool_set_id,
    spaceId: row.space_id,
    version: row.version,
    seq: Number(row.seq),
    name: row.name,
    description: row.description,
    format: row.format,
    document: parsed(row.document),
    serverUrl: row.server_url,
    operations: parsed(row.operations),
    skipped: parsed(row.skipped),
    publishedBy: row.published_by,
    publishedAt: new Date(row.published_at),
  };
}

/** Published versions: written once, never changed. */
export function versionsStore(db: Database<LinkSchema>) {
  const k = db.kysely;
  const scoped = (spaceId: string, toolSetId: string) => k.selectFrom('tool_versions').selectAll().where('space_id', '=', spaceId).where('tool_set_id', '=', toolSetId);

  return {
    async get(spaceId: string, toolSetId: string, version: string): Promise<VersionRecord | null> {
      const row = await scoped(spaceId, toolSetId).where('version', '=', version).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async latest(spaceId: string, toolSetId: string): Promise<VersionRecord | null> {
      const row = await scoped(spaceId, toolSetId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    /** Newest first, without the documents. */
    async list(spaceId: string, toolSetId: string): Promise<Omit<VersionRecord, 'document'>[]> {
      const rows = await scoped(spaceId, toolSetId).orderBy('seq', 'desc').execute();
      return rows.map((row) => {
        const { document: _document, ...rest } = toRecord(row);
        return rest;
      });
    },

    /** The newest label of each of `toolSetIds`, for listings. */
    async latestLabels(spaceId: string, toolSetIds: string[]): Promise<Map<string, string>> {
      if (toolSetIds.length === 0) return new Map();
      const rows = await k.selectFrom('tool_versions').select(['tool_set_id', 'version', 'seq']).where('space_id', '=', spaceId).where('tool_set_id', 'in', toolSetIds).execute();
      const latest = new Map<string, { version: string; seq: number }>();
      for (const row of rows) {
        const seen = latest.get(row.tool_set_id);
        if (seen === undefined || Number(row.seq) > seen.seq) latest.set(row.tool_set_id, { version: row.version, seq: Number(row.seq) });
      }
      return new Map([...latest].map(([id, entry]) => [id, entry.version]));
    },

    /**
     * Publishes with the next number. Returns null when the label is taken; a race for the same number
     * (two publications at once) is retried.
     */
    async insert(version: NewVersion): Promise<VersionRecord | null> {
      for (let attempt = 0; ; attempt += 1) {
        const last = await k.selectFrom('tool_versions').select('seq').where('tool_set_id', '=', version.toolSetId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        const seq = Number(last?.seq ?? 0) + 1;
        const label = version.version ?? `v${seq}`;
        // A label asked for and taken is refused; an automatic one taken means another publish got this number first.
        const taken = (await this.get(version.spaceId, version.toolSetId, label)) !== null;
        if (taken && version.version !== null) return null;
        if (taken) {
          if (attempt >= 4) throw new Error(`could not number a new version of ${version.toolSetId}: too many publishes at once`);
          continue;
        }
        try {
          await k
            .insertInto('tool_versions')
            .values({
              tool_set_id: version.toolSetId,
              space_id: version.spaceId,
              version: label,
              seq,
              name: version.name,
              description: version.description,
              format: version.format,
              document: JSON.stringify(version.document),
              server_url: version.serverUrl,
              operations: JSON.stringify(version.operations),
              skipped: jsonValue(version.skipped),
              published_by: version.publishedBy,
              published_at: new Date(),
            })
            .execute();
          return (await this.get(version.spaceId, version.toolSetId, label))!;
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 4) throw error;
        }
      }
    },

    async remove(spaceId: string, toolSetId: string, version: string): Promise<boolean> {
      const deleted = await k.deleteFrom('tool_versions').where('space_id', '=', spaceId).where('tool_set_id', '=', toolSetId).where('version', '=', version).executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0;
    },
  };
}

export type VersionsStore = ReturnType<typeof versionsStore>;
