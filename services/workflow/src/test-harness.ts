import { randomBytes } from 'node:crypto';
import { signServiceToken } from '@astron/kit/crypto';
import type { RunningService } from '@astron/kit/service';
import { loadConfig } from './config.js';
import { startWorkflow } from './service.js';

export const workflowTestSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export interface CallOptions {
  /** null: a token without a space. */
  space?: string | null;
  /** Who the hub acts for: an app (API key) by default. */
  as?: { app: string } | { user: string } | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface WorkflowUnderTest {
  url: string;
  service: RunningService;
  call(method: string, path: string, options?: CallOptions): Promise<{ status: number; body: any; text: string; headers: Headers }>;
}

/** For tests: a workflow service on a free port (its own in-memory PGlite and in-process queue unless `env` says otherwise). */
export async function startTestWorkflow(env: Record<string, string> = {}): Promise<WorkflowUnderTest> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...workflowTestSecrets, ...env });
  config.service.port = 0;
  if (config.database.kind === 'pglite') config.database = { ...config.database, dataDir: null };
  const service = await startWorkflow(config);
  const call: WorkflowUnderTest['call'] = async (method, path, options = {}) => {
    const space = options.space === undefined ? 'space_a' : options.space;
    const as = options.as === undefined ? { app: 'app_1' } : options.as;
    const token = signServiceToken(workflowTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', ...(space === null ? {} : { space }), ...(as ?? {}) });
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
  return { url: service.url, service, call };
}

/** The events of an SSE body: `{ id, event, data }` with data JSON-parsed. */
export function sseEvents(text: string): { id: string | undefined; event: string | undefined; data: any }[] {
  return text
    .split('\n\n')
    .filter((block) => block.split('\n').some((line) => line.startsWith('data: ')))
    .map((block) => {
      const lines = block.split('\n');
      const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
      return { id: field('id'), event: field('event'), data: JSON.parse(data) as unknown };
    });
}
