import { randomBytes } from 'node:crypto';
import { signServiceToken } from '@astron/kit/crypto';
import type { RunningService } from '@astron/kit/service';
import { loadConfig, type AgentConfig } from './config.js';
import { startAgent } from './service.js';

/** For tests: an agent service on a free port, and a caller that signs service tokens for a space. */
export interface AgentUnderTest {
  url: string;
  service: RunningService;
  /** The running service's configuration: service URLs are read from it at each call, so a test may move them. */
  config: AgentConfig;
  /** Authorization header value for a space (as the hub would send it). */
  authorization(space?: string): string;
  call(method: string, path: string, options?: { space?: string | null; user?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
}

export const agentTestSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

/** `env` without a database keeps an in-memory PGlite. */
export async function startTestAgent(env: Record<string, string> = {}): Promise<AgentUnderTest> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...agentTestSecrets, ...env });
  config.service.port = 0;
  if (config.database.kind === 'pglite') config.database = { ...config.database, dataDir: null };
  const service = await startAgent(config);
  const authorization = (space = 'space_a') => `Service ${signServiceToken(agentTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', space })}`;
  const call: AgentUnderTest['call'] = async (method, path, options = {}) => {
    const space = options.space === undefined ? 'space_a' : options.space;
    const token = signServiceToken(agentTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', ...(space === null ? {} : { space }), ...(options.user === undefined ? {} : { user: options.user }) });
    const headers: Record<string, string> = { authorization: `Service ${token}`, ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${service.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, text, body, headers: response.headers };
  };
  return { url: service.url, service, config, authorization, call };
}

/** The `data:` payloads of a whole SSE body, JSON-parsed where they are JSON ('[DONE]' stays a string). */
export function sseData(text: string): any[] {
  return text
    .split('\n\n')
    .map((event) => event.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n'))
    .filter((data) => data !== '')
    .map((data) => {
      try {
        return JSON.parse(data);
      } catch {
        return data;
      }
    });
}
