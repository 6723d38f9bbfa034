import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { Actor } from './auth/guard.js';
import type { Permission } from './auth/permissions.js';
import type { HubContext } from './context.js';
import type { PeerCaller, PeerService } from './peers.js';

/** One console route that is a core service's route, same body and answer, the space from the session. */
export interface PassRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The hub's path, with :params. */
  path: string;
  /** The service's path, the same :params filled in. */
  to: string;
  permission: Permission;
  params?: z.ZodObject<Record<string, z.ZodString>>;
  /** JSON passed on; 'optional' for actions that may come without one. */
  body?: 'json' | 'optional';
  /** The query string passed on. */
  query?: boolean;
  /** A change recorded in the audit log: the record's id is the route's first param or the answer's `id`. */
  audit?: { action: string; type: string };
  summary?: string;
}

const anyBody = z.record(z.string(), z.unknown());
const passQuery = z.record(z.string(), z.string().max(2_000));
/** Headers of the answer the console needs: the type, and a download's file name. */
const RELAYED_HEADERS = ['content-type', 'content-disposition'];

const on = (actor: Actor): PeerCaller => ({ space: actor.spaceId, user: actor.user.id });

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/**
 * Registers `routes` on `app`, each answered by `peer` as it answers: status, body and type unchanged (JSON, CSV).
 * A body that is not JSON (a CSV upload, parsed as a Buffer by the caller's content type parser) goes as it came.
 */
export function passThrough(app: App, context: HubContext, peer: PeerService, routes: PassRoute[], options: { tags: string[]; timeoutMs: number }): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      schema: {
        tags: options.tags,
        ...(route.summary === undefined ? {} : { summary: route.summary }),
        ...(route.params === undefined ? {} : { params: route.params }),
        ...(route.body === 'json' ? { body: anyBody } : route.body === 'optional' ? { body: anyBody.nullish() } : {}),
        ...(route.query === true ? { querystring: passQuery } : {}),
      },
      handler: async (request, reply) => {
        const actor = await context.guard.require(request, route.permission);
        const params = (request.params ?? {}) as Record<string, string>;
        const body: unknown = request.body ?? undefined;
        const sent = Buffer.isBuffer(body) ? { raw: { bytes: body, contentType: request.headers['content-type'] ?? 'application/octet-stream' } } : body === undefined ? {} : { body };
        const query = route.query === true ? (request.query as Record<string, string>) : undefined;
        const answer = await peer.open(on(actor), route.method, fill(route.to, params), { ...sent, ...(query === undefined ? {} : { query }), timeoutMs: options.timeoutMs });
        const bytes = Buffer.from(await answer.arrayBuffer());
        if (route.audit !== undefined) await record(context, actor, route.audit, params, bytes);
        for (const name of RELAYED_HEADERS) {
          const value = answer.headers.get(name);
          if (value !== null) void reply.header(name, value);
        }
        return reply.status(answer.status).send(answer.status === 204 ? undefined : bytes);
      },
    });
  }
}

async function record(context: HubContext, actor: Actor, audit: NonNullable<PassRoute['audit']>, params: Record<string, string>, answer: Buffer): Promise<void> {
  const id = Object.values(params)[0] ?? idOf(answer);
  const details = Object.keys(params).length > 1 ? { ...params } : {};
  await context.audit.record({ spaceId: actor.spaceId, actor: { id: actor.user.id, email: actor.user.email }, action: audit.action, target: { type: audit.type, id }, details, ...(actor.ip === undefined ? {} : { ip: actor.ip }) });
}

/** The `id` of a JSON answer (a created record), or '' when it has none. */
function idOf(answer: Buffer): string {
  try {
    const id = (JSON.parse(answer.toString('utf8')) as { id?: unknown }).id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  } catch {
    return '';
  }
}
