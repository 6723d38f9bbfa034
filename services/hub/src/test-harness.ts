import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig as loadKnowledgeConfig, startKnowledge } from '@astron/knowledge';
import { loadConfig as loadAgentConfig, startAgent } from '@astron/agent';
import { loadConfig as loadTenantConfig, startTenant } from '@astron/tenant';
import { loadConfig as loadWorkflowConfig, startWorkflow } from '@astron/workflow';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@astron/kit/db';
import type { RunningService } from '@astron/kit/service';
import { SESSION_COOKIE } from './auth/sessions.js';
import { startPluginServices, type PluginServices } from './plugins/test-services.js';
import { loadConfig } from './config.js';
import type { HubContext } from './context.js';
import { createHub, type Hub } from './service.js';

/**
 * For tests: a tenant, an agent service, a workflow service (with `options.knowledge` a knowledge service, with
 * `options.plugins` link, memory, aitools and rpa) and a hub on free ports. They share one in-memory PostgreSQL
 * (PGlite), a schema each, as `astron start` runs them; a service whose env names a database of its own keeps it.
 */
export interface HubUnderTest {
  url: string;
  context: HubContext;
  tenantUrl: string;
  agentUrl: string;
  workflowUrl: string;
  /** The knowledge service, when started (`options.knowledge`). */
  knowledgeUrl: string | null;
  /** link, memory, aitools and rpa, when started (`options.plugins`). */
  plugins: Omit<PluginServices, 'stop'> | null;
  /** A person with a password account, already signed in (session made directly, not through /api/auth/login). */
  signUp(email: string, options?: { name?: string; password?: string; platformAdmin?: boolean }): Promise<Browser>;
  /** A browser with no session. */
  anonymous(): Browser;
  stop(): Promise<void>;
}

export interface Browser {
  userId: string;
  personalSpaceId: string;
  /** Sends the session cookie and, on unsafe methods, the CSRF token the session holds. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  cookie: string | null;
  csrfToken: string | null;
}

export const hubTestSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export async function startTestHub(
  env: Record<string, string> = {},
  tenantEnv: Record<string, string> = {},
  agentEnv: Record<string, string> = {},
  workflowEnv: Record<string, string> = {},
  options: { knowledge?: boolean; plugins?: boolean } = {},
): Promise<HubUnderTest> {
  const base = { LOG_LEVEL: 'silent', ...hubTestSecrets };
  const shared = await startEmbeddedPostgres({ dataDir: null });
  const tenantConfig = onShared(shared, 'tenant', loadTenantConfig, { ...base, ...tenantEnv });
  const tenant: RunningService = await startTenant(tenantConfig);
  const config = onShared(shared, 'hub', loadConfig, { ...base, TENANT_URL: tenant.url, ...env });
  const hub: Hub = await createHub(config);
  const url = await hub.http.listen({ port: 0, host: '127.0.0.1' });
  // The agent and the workflow service ask the hub to resolve providers, the hub calls them to run: the hub listens
  // first, then learns their addresses.
  const workflowConfig = onShared(shared, 'workflow', loadWorkflowConfig, { ...base, HUB_URL: url, ...workflowEnv });
  const workflow: RunningService = await startWorkflow(workflowConfig);
  if (env.WORKFLOW_URL === undefined) hub.context.config.workflowUrl = workflow.url;
  // Agents run workflows as tools: the agent service learns the workflow service's address at start.
  const agentConfig = onShared(shared, 'agent', loadAgentConfig, { ...base, HUB_URL: url, WORKFLOW_URL: workflow.url, ...agentEnv });
  const agent: RunningService = await startAgent(agentConfig);
  if (env.AGENT_URL === undefined) hub.context.config.agentUrl = agent.url;
  // Agent nodes of workflows run in the agent service, which started after the workflow service.
  if (workflowEnv.AGENT_URL === undefined) workflowConfig.agentUrl = agent.url;
  // The knowledge service only for the tests that use it (its embedded PostgreSQL takes a while to start).
  const dataDir = options.knowledge === true ? await mkdtemp(join(tmpdir(), 'astron-hub-knowledge-')) : null;
  let knowledge: RunningService | null = null;
  if (dataDir !== null) {
    const knowledgeConfig = onShared(shared, 'knowledge', loadKnowledgeConfig, { ...base, HUB_URL: url, ASTRON_DATA_DIR: dataDir });
    knowledge = await startKnowledge(knowledgeConfig);
    hub.context.config.knowledgeUrl = knowledge.url;
    agentConfig.knowledgeUrl = knowledge.url;
    workflowConfig.knowledgeUrl = knowledge.url;
  }
  const plugins = options.plugins === true ? await startPluginServices(base, url) : null;
  if (plugins !== null) Object.assign(hub.context.config, { linkUrl: plugins.linkUrl, memoryUrl: plugins.memoryUrl, aitoolsUrl: plugins.aitoolsUrl, rpaUrl: plugins.rpaUrl });
  // Agents run RPA robots through the same rpa service the hub's settings ask.
  if (plugins !== null) agentConfig.rpaUrl = plugins.rpaUrl;

  function browser(userId: string, personalSpaceId: string, cookie: string | null, csrfToken: string | null): Browser {
    const self: Browser = {
      userId,
      personalSpaceId,
      cookie,
      csrfToken,
      async call(method, path, body, headers = {}) {
        const sent: Record<string, string> = { ...headers };
        if (self.cookie !== null) sent.cookie = `${SESSION_COOKIE}=${self.cookie}`;
        if (self.csrfToken !== null && method !== 'GET') sent['x-csrf-token'] = self.csrfToken;
        if (body !== undefined) sent['content-type'] = 'application/json';
        const response = await fetch(`${url}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
        const setCookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
        if (setCookie !== undefined) self.cookie = setCookie.slice(SESSION_COOKIE.length + 1).split(';')[0] || null;
        const text = await response.text();
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          parsed = text;
        }
        const csrf = (parsed as { csrfToken?: string } | undefined)?.csrfToken;
        if (typeof csrf === 'string') self.csrfToken = csrf;
        return { status: response.status, body: parsed, text, headers: response.headers };
      },
    };
    return self;
  }

  return {
    url,
    context: hub.context,
    tenantUrl: tenant.url,
    agentUrl: agent.url,
    workflowUrl: workflow.url,
    knowledgeUrl: knowledge?.url ?? null,
    plugins,
    async signUp(email, options = {}) {
      const { hashPassword } = await import('./accounts/passwords.js');
      const passwordHash = await hashPassword(options.password ?? 'correct horse battery staple');
      const { user, personalSpaceId } = await hub.context.users.create({ email, name: options.name ?? email.split('@')[0] ?? email, passwordHash, platformAdmin: options.platformAdmin ?? false });
      const { token, session } = await hub.context.sessions.create({ userId: user.id, currentSpaceId: personalSpaceId });
      return browser(user.id, personalSpaceId, token, session.csrf_token);
    },
    anonymous: () => browser('', '', null, null),
    async stop() {
      await hub.stop();
      await plugins?.stop();
      await knowledge?.stop();
      if (dataDir !== null) await rm(dataDir, { recursive: true, force: true });
      await workflow.stop();
      await agent.stop();
      await tenant.stop();
      await shared.close();
    },
  };
}

/**
 * A service's configuration on a free port, its database the shared embedded PostgreSQL (schema `schema`) unless
 * `env` names one of its own (a test on the real PostgreSQL or MySQL).
 */
function onShared<Config extends { service: { port: number }; database: { kind: string } }>(shared: EmbeddedPostgres, schema: string, load: (env: Record<string, string>) => Config, env: Record<string, string>): Config {
  const own = load(env);
  const config = own.database.kind !== 'pglite' ? own : load({ DATABASE_DB_TYPE: 'postgres', DATABASE_URL: `postgres://${shared.user}:${shared.password}@${shared.host}:${shared.port}/${shared.database}?schema=${schema}`, ...env });
  config.service.port = 0;
  return config;
}
