import { randomId } from '@astron/kit/crypto';
import { jsonValue, type Database } from '@astron/kit/db';
import type { HubSchema } from '../store/tables.js';

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
  };
}

export type AuditLog = ReturnType<typeof auditLog>;
