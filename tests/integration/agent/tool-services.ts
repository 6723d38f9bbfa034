import Fastify, { type FastifyInstance } from 'fastify';
import { fixedModels } from '@astron/aitools';
import { createServiceClient } from '@astron/kit/service-client';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { startTestAitools, type AitoolsUnderTest } from '../../../services/aitools/src/test-harness.js';
import { openTestGround, startTestLink, type LinkUnderTest, type TestGround } from '../../../services/link/src/test-harness.js';
import { startFakeMcp, type FakeMcp } from '@astron/testing/fake-mcp';
import { startTestMemory, type MemoryUnderTest } from '../../../services/memory/src/test-harness.js';
import { agentTestSecrets, startTestAgent, type AgentUnderTest } from '../../../services/agent/src/test-harness.js';

/** A weather API for the plugin tool: what reached it, in order. */
export interface WeatherApi {
  origin: string;
  queries: Record<string, unknown>[];
  close(): Promise<void>;
}

async function startWeatherApi(): Promise<WeatherApi> {
  const app: FastifyInstance = Fastify();
  const queries: Record<string, unknown>[] = [];
  app.get('/weather', async (request) => {
    const query = request.query as { city?: string };
    queries.push(query);
    return { city: query.city, temperatureC: 21, sky: 'clear' };
  });
  app.get('/outage', async (_request, reply) => reply.status(503).send({ error: 'the weather station is down' }));
  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return { late: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, queries, close: () => app.close() };
}

function weatherDocument(origin: string) {
  const ok = { '200': { description: 'the weather', content: { 'application/json': { schema: { type: 'object' } } } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Weather', version: '1' },
    servers: [{ url: origin }],
    paths: {
      '/weather': {
        get: { operationId: 'getWeather', summary: 'The current weather of a city', parameters: [{ name: 'city', in: 'query', required: true, schema: { type: 'string' }, description: 'City name' }], responses: ok },
      },
      '/outage': { get: { operationId: 'getOutage', summary: 'A station that is down', responses: ok } },
      '/slow': { get: { operationId: 'getSlowly', summary: 'A station that answers after 3 s', responses: ok } },
    },
  };
}

/** What the services hold for space_a when the ground is up. */
export interface Seeded {
  /** Published (v1) weather plugin. */
  weatherToolId: string;
  /** Imported, never published. */
  draftToolId: string;
  mcpServerId: string;
  /** Registered at a port nobody listens on. */
  deadMcpServerId: string;
  /** `orders` (user scoped) in production: two rows of usr_ada, one of usr_bob. */
  shopDatabaseId: number;
}

/** Every service an agent's plugins, MCP tools, databases and AI tools need, sharing the agent's service token. */
export interface ToolServices {
  fake: FakeOpenAI;
  weather: WeatherApi;
  mcp: FakeMcp;
  link: LinkUnderTest;
  memory: MemoryUnderTest;
  aitools: AitoolsUnderTest;
  agent: AgentUnderTest;
  seeded: Seeded;
  /** A call to one of the services as the hub acting for usr_1 in `space`; a failure throws. */
  setup<T = { id: string }>(url: string, method: 'GET' | 'POST', path: string, body?: unknown, space?: string): Promise<T>;
  close(): Promise<void>;
}

async function seed(services: Omit<ToolServices, 'seeded' | 'close'>): Promise<Seeded> {
  const { setup, link, memory, weather, mcp } = services;
  const weatherTool = await setup(link.url, 'POST', '/link/v1/tool-sets', { source: { text: JSON.stringify(weatherDocument(weather.origin)) } });
  await setup(link.url, 'POST', `/link/v1/tool-sets/${weatherTool.id}/versions`);
  const draftTool = await setup(link.url, 'POST', '/link/v1/tool-sets', { source: { text: JSON.stringify(weatherDocument(weather.origin)) }, name: 'Unpublished' });
  const mcpServer = await setup(link.url, 'POST', '/link/v1/mcp/servers', { name: 'fake', url: `${mcp.origin}/mcp` });
  const deadMcpServer = await setup(link.url, 'POST', '/link/v1/mcp/servers', { name: 'dead', url: 'http://127.0.0.1:9/mcp' });

  const shop = await setup<{ id: number }>(memory.url, 'POST', '/memory/v1/databases', { name: 'shop', description: 'orders of the shop' });
  const columns = [
    { name: 'item', type: 'string', required: true, description: 'what was bought' },
    { name: 'total', type: 'number', description: 'price paid in euros' },
  ];
  await setup(memory.url, 'POST', `/memory/v1/databases/${shop.id}/tables`, { name: 'orders', description: 'purchases', userScoped: true, columns });
  await setup(memory.url, 'POST', `/memory/v1/databases/${shop.id}/publish`, {});
  const insert = (uid: string, values: string) => setup(memory.url, 'POST', `/memory/v1/databases/${shop.id}/sql`, { sql: `insert into orders (item, total) values ${values}`, env: 'prod', uid });
  await insert('usr_ada', "('book', 12), ('pen', 2.5)");
  await insert('usr_bob', "('secret gadget', 999)");
  return { weatherToolId: weatherTool.id, draftToolId: draftTool.id, mcpServerId: mcpServer.id, deadMcpServerId: deadMcpServer.id, shopDatabaseId: shop.id };
}

/**
 * Link, memory and aitools started with their own test harnesses on one embedded PostgreSQL, a fake OpenAI server
 * (the agent's model and the AI tools' chat model), a real MCP server and a weather API on loopback (which link is
 * allowed to reach), and an agent pointed at them. `agentEnv` adds variables of the agent.
 */
export async function startToolServices(agentEnv: Record<string, string> = {}): Promise<ToolServices> {
  const token = agentTestSecrets.ASTRON_SERVICE_TOKEN;
  const shared = { ASTRON_SERVICE_TOKEN: token };
  const ground: TestGround = await openTestGround();
  const database = ground.database as NonNullable<TestGround['database']>;
  const databaseUrl = `postgres://${database.user}:${database.password}@${database.host}:${database.port}/${database.database}`;
  const [fake, weather, mcp] = await Promise.all([startFakeOpenAI(), startWeatherApi(), startFakeMcp()]);
  const link = await startTestLink(ground, { env: { ...shared, EGRESS_ALLOW_HOSTS: '127.0.0.1/32' } });
  const memory = await startTestMemory({ databaseUrl, dataDir: ground.dataDir, metadataSchema: 'memory', schemaPrefix: 'agentdb_', env: shared });
  const aitools = await startTestAitools(fixedModels(fake.url, null), shared);
  const agent = await startTestAgent({ DATABASE_URL: `${databaseUrl}?schema=agent`, LINK_URL: link.url, MEMORY_URL: memory.url, AITOOLS_URL: aitools.url, ...agentEnv });

  const setup: ToolServices['setup'] = (url, method, path, body, space = 'space_a') =>
    createServiceClient({ baseUrl: url, serviceToken: token, caller: 'hub' }).call(method, path, { ...(body === undefined ? {} : { body }), on: { space, user: 'usr_1' } });
  const services = { fake, weather, mcp, link, memory, aitools, agent, setup };
  return {
    ...services,
    seeded: await seed(services),
    async close() {
      await agent.service.stop();
      await Promise.all([link.stop(), memory.service.stop(), aitools.stop()]);
      await Promise.all([fake.close(), weather.close(), mcp.close()]);
      await ground.close();
    },
  };
}
