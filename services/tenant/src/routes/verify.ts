import { serviceCaller, type App } from '@astron/kit/http';
import { z } from 'zod';
import type { TenantRoutesContext } from './context.js';

const verifiedSchema = z.object({ appId: z.string(), spaceId: z.string(), apiKey: z.string(), appName: z.string() });
const tags = ['verification'];

/**
 * The gateway asks here who a public request comes from. 401 carries the reason code
 * (bad_signature, clock_skew, replayed_request ...); a disabled app is 403.
 */
export function verifyRoutes(app: App, context: TenantRoutesContext): void {
  app.post(
    '/verify/signature',
    {
      schema: {
        tags,
        body: z.object({
          method: z.string().min(1).max(16),
          target: z.string().min(1).max(8192).startsWith('/'),
          headers: z.record(z.string(), z.string()),
          bodySha256: z.string().length(44, 'must be the base64 SHA-256 of the body'),
        }),
        response: { 200: verifiedSchema },
      },
    },
    async (request) => {
      serviceCaller(request, context.serviceToken);
      const headers = Object.fromEntries(Object.entries(request.body.headers).map(([name, value]) => [name.toLowerCase(), value]));
      return context.verification.signature({ ...request.body, headers });
    },
  );

  app.post(
    '/verify/bearer',
    { schema: { tags, body: z.object({ token: z.string().min(1).max(512) }), response: { 200: verifiedSchema } } },
    async (request) => {
      serviceCaller(request, context.serviceToken);
      return context.verification.bearer(request.body.token);
    },
  );
}
