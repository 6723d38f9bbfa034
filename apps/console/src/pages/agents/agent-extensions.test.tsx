// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Agent } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { databaseOf } from '../databases/test-support.js';
import { mcpServerOf, summaryOf, toolSetOf } from '../plugins/test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const agent: Agent = {
  id: 'ag_1',
  alias: null,
  name: 'Helper',
  icon: '',
  description: '',
  instructions: '',
  model: 'pv_1/gpt-4o-mini',
  parameters: {},
  tools: [],
  workflows: [],
  knowledge: { kbIds: [], topK: 5, scoreThreshold: 0 },
  plugins: [{ toolId: 'tool@gone', operationId: 'old' }],
  databases: [{ databaseId: 7, readOnly: true }],
  strategy: 'auto',
  maxSteps: 8,
  openingMessage: '',
  suggestedQuestions: [],
  memory: { enabled: true, maxTokens: 8000 },
  publishedVersion: null,
  publishedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const weather = toolSetOf({ latestVersion: 'v2' });
const pick = (testId: string, attribute: string, value: string) =>
  screen.getAllByTestId(testId).find((element) => element.getAttribute(attribute) === value)!;

describe('plugin tools of an agent', () => {
  it('saves chosen operations with a pinned version, MCP tools, databases with write access, and AI tools', async () => {
    const network = fakeNetwork({
      'PATCH /api/agents/ag_1': (call) => ({ body: { ...agent, ...(call.body as object) } }),
      'GET /api/agents': () => ({ body: { items: [] } }),
      'GET /api/plugins/tool-sets/tool%40abc123': () => ({ body: weather }),
      'GET /api/plugins/tool-sets/tool%40abc123/versions': () => ({
        body: {
          items: ['v2', 'v1'].map((version, index) => ({
            version,
            seq: 2 - index,
            name: 'Weather',
            operationCount: 1,
            publishedBy: null,
            publishedAt: '2026-01-02T00:00:00Z',
          })),
        },
      }),
      'GET /api/plugins/mcp-servers/mcp%40srv1/tools': () => ({
        body: { tools: [{ name: 'search', inputSchema: {} }], cached: true },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/agents/ag_1', {
      me: meAs('editor'),
      data: [
        [keys.agent('ag_1'), agent],
        [keys.providers, { items: [], defaults: { chatModel: null, embeddingModel: null } }],
        [keys.workflows, { items: [] }],
        [keys.knowledgeBases, { items: [] }],
        [keys.toolSets, { items: [summaryOf(weather)] }],
        [keys.mcpServers, { items: [mcpServerOf()] }],
        [keys.databases, { items: [databaseOf(), databaseOf({ id: 8, name: 'crm' })] }],
        [
          keys.aiTools,
          {
            models: { image: null, speech: null, transcription: null, vision: null, chat: null },
            tools: [
              {
                name: 'translation',
                title: 'Translation',
                description: 'Translates',
                inputSchema: {},
                outputSchema: {},
                models: { required: ['chat'], optional: [] },
                available: true,
                message: null,
                missingModels: [],
              },
              {
                name: 'ocr',
                title: 'OCR',
                description: 'Reads images',
                inputSchema: {},
                outputSchema: {},
                models: { required: ['vision'], optional: [] },
                available: false,
                message: 'Set a vision model.',
                missingModels: [],
              },
            ],
          },
        ],
      ],
    });
    expect((await screen.findByTestId('agent-plugins')).textContent).toContain(
      'tool@gone · old (no longer in this space)',
    );
    expect(screen.getByTestId('agent-ai-tools').textContent).toContain('Set a vision model.');

    fireEvent.click(pick('agent-plugin', 'data-tool-id', 'tool@gone'));
    fireEvent.click(pick('agent-plugin-toolset', 'data-tool-id', 'tool@abc123'));
    fireEvent.click(await screen.findByTestId('agent-plugin'));
    await waitFor(() =>
      expect(screen.getByTestId<HTMLSelectElement>('agent-plugin-version').options).toHaveLength(3),
    );
    fireEvent.change(screen.getByTestId('agent-plugin-version'), { target: { value: 'v1' } });
    fireEvent.click(pick('agent-mcp-server', 'data-server-id', 'mcp@srv1'));
    fireEvent.click(await screen.findByTestId('agent-mcp-tool'));
    fireEvent.click(pick('agent-database', 'data-database-id', '8'));
    fireEvent.click(pick('agent-database-readonly', 'data-database-id', '8'));
    fireEvent.click(pick('agent-ai-tool', 'data-tool', 'translation'));
    fireEvent.click(screen.getByTestId('agent-save'));

    await waitFor(() => expect(network.calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(network.calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({
      plugins: [{ toolId: 'tool@abc123', operationId: 'getForecast', version: 'v1' }],
      mcpTools: [{ serverId: 'mcp@srv1', tool: 'search' }],
      databases: [
        { databaseId: 7, readOnly: true },
        { databaseId: 8, readOnly: false },
      ],
      aiTools: ['translation'],
    });
  });
});
