import { createServiceClient } from '@astron/kit/service-client';
import { agentTestSecrets } from '../../../services/agent/src/test-harness.js';
import { startToolServices, type ToolServices } from '../agent/tool-services.js';
import { fixedModels } from '../../../services/knowledge/src/models.js';
import { openTestGround, startTestKnowledge, type KnowledgeUnderTest, type TestGround } from '../../../services/knowledge/src/test-harness.js';
import { agentServiceRunner } from '../../../services/workflow/src/domain/agent-runner.js';
import { startTestEngine, testEgress, type EngineUnderTest } from '../../../services/workflow/src/engine/test-harness.js';
import { startTestWorkflow, type WorkflowUnderTest } from '../../../services/workflow/src/test-harness.js';

// Test support for agent nodes: the real agent service with every service its tools reach, and an engine whose
// agent nodes run there.

/** Everything an agent node's tools need, sharing the agent's service token. */
export interface AgentNodePlatform {
  /** Link (the weather plugin, the fake MCP server), memory, aitools, the agent and the fake model (tools.fake). */
  tools: ToolServices;
  /** Embeds with the fake model's `fake-embedding`. */
  knowledge: KnowledgeUnderTest;
  /** The workflow service the agent runs published workflows in (its token is the agent's). */
  workflows: WorkflowUnderTest;
  /** Runs the tests' workflows in space_a for app_1; agent nodes use the fake model as the space's model. */
  engine: EngineUnderTest;
  /** A call as the hub, acting for app_1 in space_a (as the engine's runs do); a failure throws. */
  call: <T>(url: string, method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;
  close(): Promise<void>;
}

export async function startAgentNodePlatform(): Promise<AgentNodePlatform> {
  const serviceToken = agentTestSecrets.ASTRON_SERVICE_TOKEN;
  const tools = await startToolServices();
  const ground: TestGround = await openTestGround();
  const knowledge = await startTestKnowledge(ground, fixedModels(tools.fake.url, null), { env: { ASTRON_SERVICE_TOKEN: serviceToken } });
  const workflows = await startTestWorkflow({ ASTRON_SERVICE_TOKEN: serviceToken });
  // The agent reads these at each call, so they may be set after its start.
  tools.agent.config.knowledgeUrl = knowledge.url;
  tools.agent.config.workflowUrl = workflows.url;
  const engine = await startTestEngine({
    services: {
      egress: testEgress,
      model: () => Promise.reject(new Error('agent nodes hand their model to the agent service')),
      // What the hub answers for the space's model: the fake OpenAI server.
      modelEndpoint: async () => ({ baseUrl: tools.fake.url, apiKey: 'sk-test', headers: {}, model: 'fake-chat' }),
      agent: agentServiceRunner({ agentUrl: () => tools.agent.url, serviceToken, timeoutMs: 60_000 }),
    },
  });
  return {
    tools,
    knowledge,
    workflows,
    engine,
    call: (url, method, path, body) =>
      createServiceClient({ baseUrl: url, serviceToken, caller: 'hub' }).call(method, path, { ...(body === undefined ? {} : { body }), on: { space: 'space_a', app: 'app_1' } }),
    async close() {
      await engine.stop();
      await workflows.service.stop();
      await knowledge.service.stop();
      await ground.close();
      await tools.close();
    },
  };
}
