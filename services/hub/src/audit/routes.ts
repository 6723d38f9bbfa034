import { z } from 'zod';
import { forbidden } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import type { AuditEventsTable } from '../store/tables.js';

const auditEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string(), email: z.string() }).nullable(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  createdAt: z.string(),
});

function auditEventView(event: AuditEventsTable): z.infer<typeof auditEventSchema> {
  const details = typeof event.details === 'string' ? (JSON.parse(event.details) as unknown) : event.details;
  return {
    id: event.id,
    action: event.action,
    actor: event.actor_id === null ? null : { id: event.actor_id, email: event.actor_email ?? '' },
    target: event.target_type === null || event.target_id === null ? null : { type: event.target_type, id: event.target_id },
    details: details !== null && typeof details === 'object' ? (details as Record<string, unknown>) : {},
    ip: event.ip,
    createdAt: new Date(event.created_at).toISOString(),
  };
}

/**
 * The audit trail, newest first, paged by cursor: `scope=space` (default) the current space's events
 * [audit.view]; `mine` the signed-in person's own actions everywhere, sign-ins included; `platform` the
 * events outside any space, for platform admins.
 */
export function auditRoutes(app: App, context: HubContext): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: z.object({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          action: z.string().max(64).optional(),
          scope: z.enum(['space', 'mine', 'platform']).default('space'),
        }),
        response: { 200: z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { cursor, limit, action, scope } = request.query;
      const actor = await context.guard.require(request, scope === 'space' ? 'audit.view' : undefined);
      if (scope === 'platform' && !actor.user.platformAdmin) {
        throw forbidden('only platform admins see events outside the spaces', 'permission_denied');
      }
      const where = scope === 'space' ? { spaceId: actor.spaceId } : scope === 'mine' ? { actorId: actor.user.id } : { platform: true as const };
      const page = await context.audit.list(where, { limit, ...(cursor === undefined ? {} : { cursor }), ...(action === undefined ? {} : { action }) });
      return { items: page.items.map(auditEventView), nextCursor: page.nextCursor };
    },
  );
}
