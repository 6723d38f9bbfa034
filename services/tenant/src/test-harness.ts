import { randomBytes } from 'node:crypto';
import { signServiceToken } from '@astron/kit/crypto';
import type { RunningService } from '@astron/kit/service';
import { loadConfig } from './config.js';
import { startTenant } from './service.js';

/** For tests: a tenant on a free port, and a caller that signs service tokens for a space. */
export interface TenantUnderTest {
  url: string;
  service: RunningService;
  call(method: string, path: string, options?: { space?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string }>;
}

export const testSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export async function startTestTenant(env: Record<string, string>): Promise<TenantUnderTest> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...testSecrets, ...env });
  config.service.port = 0;
  // ':memory:' keeps an embedded PGlite out of the file system.
  if (config.database.kind === 'pglite' && env.ASTRON_DATA_DIR === ':memory:') config.database = { ...config.database, dataDir: null };
  const service = await startTenant(config);
  const call: TenantUnderTest['call'] = async (method, path, options = {}) => {
    const space = options.space === undefined ? 'space_a' : options.space;
    const token = signServiceToken(testSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', ...(space === null ? {} : { space }) });
    const headers: Record<string, string> = { authorization: `Service ${token}`, ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, text, body: text === '' ? undefined : JSON.parse(text) };
  };
  return { url: service.url, service, call };
}
