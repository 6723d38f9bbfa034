import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { RpaPlatform } from '../platform/client.js';
import { platformStatus } from '../domain/status.js';

const statusQuery = z.object({
  /** false: answer from the configuration alone, without calling the platform (a run about to start). */
  probe: z.enum(['true', 'false']).default('true'),
});

const statusView = z.object({ configured: z.boolean(), reachable: z.boolean().nullable(), message: z.string().nullable() });

/**
 * GET /rpa/v1/status: whether the RPA platform is configured and answers. It needs no platform token (the probe
 * sends none), so the answer can never carry one.
 */
export function statusRoutes(app: App, context: { platform: RpaPlatform | null; requestTimeoutMs: number }): void {
  app.get('/rpa/v1/status', { schema: { tags: ['rpa'], summary: 'Whether the RPA platform is configured and reachable', querystring: statusQuery, response: { 200: statusView } } }, async (request) =>
    platformStatus(context.platform, { probe: request.query.probe === 'true', requestTimeoutMs: context.requestTimeoutMs }),
  );
}
