import { randomId } from '@astron/kit/crypto';
import { jsonValue, type Database } from '@astron/kit/db';
import { badRequest } from '@astron/kit/errors';
import type { AuditEventsTable, HubSchema } from '../store/tables.js';

export interface AuditEvent {
  /** null for events outside any space (sign-in, failed sign-in). */
  spaceId: string | null;
  actor: { id: string; email: string } | null;
  /** noun.verb: 'auth.signed_in', 'member.role_changed', 'apikey.created', 'provider.updated' ... */
  action: string;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  ip?: string;
}

export type AuditScope = { spaceId: string } | { actorId: string } | { platform: true };

export interface AuditQuery {
  limit: number;
  cursor?: string;
  action?: string;
}

/** A page position: the last event shown (time and id, since several events can share a millisecond). */
function encodeCursor(event: AuditEventsTable): string {
  return Buffer.from(JSON.stringify([new Date(event.created_at).toISOString(), event.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const time = new Date(createdAt);
    if (typeof id !== 'string' || Number.isNaN(time.getTime())) throw new Error('malformed');
    return { createdAt: time, id };
  } catch {
    throw badRequest('cursor is not one this API gave out', { field: 'cursor' }, 'invalid_cursor');
  }
}

/** The audit trail: who did what, when, from where. Written in the same request as the change. */
export function auditLog(db: Database<HubSchema>) {
  return {
    async record(event: AuditEvent): Promise<void> {
      await db.kysely
        .insertInto('audit_events')
        .values({
          id: randomId('ev'),
          space_id: event.spaceId,
          actor_id: event.actor?.id ?? null,
          actor_email: event.actor?.email ?? null,
          action: event.action,
          target_type: event.target?.type ?? null,
          target_id: event.target?.id ?? null,
          details: event.details === undefined ? null : jsonValue(event.details),
          ip: event.ip ?? null,
          created_at: new Date(),
        })
        .execute();
    },

    /**
     * Events newest first: one space's; or one person's own, wherever they happened (their sign-ins
     * included); or the platform's events outside any space (sign-ins, failed ones for unknown emails).
     */
    async list(scope: AuditScope, query: AuditQuery): Promise<{ items: AuditEventsTable[]; nextCursor: string | null }> {
      let select = db.kysely.selectFrom('audit_events').selectAll();
      if ('spaceId' in scope) select = select.where('space_id', '=', scope.spaceId);
      else if ('actorId' in scope) select = select.where('actor_id', '=', scope.actorId);
      else select = select.where('space_id', 'is', null);
      if (query.action !== undefined) select = select.where('action', '=', query.action);
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor);
        select = select.where((eb) =>
          eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]),
        );
      }
      const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null };
    },
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
