// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JsonSchema, McpTool, ToolOperation, ToolSetVersion, ToolSetVersionDetail } from '../../../api/plugin-types.js';
import { initI18n } from '../../../i18n/index.js';
import { fakeNetwork, type FakeCall } from '../../../test/render-app.js';
import { mcpServerOf, summaryOf, toolSetOf } from '../../plugins/test-support.js';
import type { DraftNode } from '../editor/draft.js';
import { editorReducer, type EditorState } from '../editor/editor-state.js';
import { addNode, freshState } from '../editor/test-drafts.js';
import { renderNodePanel, shownDraft } from './test-panel.js';

beforeAll(() => {
  initI18n('en');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const operation = (operationId: string, properties: Record<string, JsonSchema>, outputSchema: ToolOperation['outputSchema']): ToolOperation => ({
  operationId,
  name: operationId,
  method: 'get',
  path: `/${operationId}`,
  summary: `Summary of ${operationId}`,
  description: `What ${operationId} does`,
  inputSchema: { type: 'object', properties },
  outputSchema,
});

/** v2, the latest: the forecast takes a city and days and answers an object; v1's took a city and answered text. */
const forecastV2 = operation('getForecast', { city: { type: 'string' }, days: { type: 'integer' } }, {
  type: 'object',
  properties: { city: { type: 'string' }, temperatures: { type: 'array', items: { type: 'number' } } },
});
const forecastV1 = operation('getForecast', { city: { type: 'string' } }, { type: 'string' });
const alerts = operation('getAlerts', { region: {} }, null);

const published = (version: string, seq: number): ToolSetVersion => ({
  version,
  seq,
  name: 'Weather',
  operationCount: 1,
  publishedBy: 'us_1',
  publishedAt: `2026-01-0${seq}T00:00:00Z`,
});
const detail = (version: string, seq: number, operations: ToolOperation[]): ToolSetVersionDetail => ({
  ...published(version, seq),
  toolSetId: 'tool@weather',
  description: '',
  format: 'openapi-3.0',
  serverUrl: null,
  operations,
  skipped: [],
});

const weather = toolSetOf({ id: 'tool@weather', name: 'Weather', latestVersion: 'v2', operations: [operation('draftOnly', {}, null)] });
const drafty = toolSetOf({ id: 'tool@drafty', name: 'Drafty', latestVersion: null, operations: [alerts] });
const search: McpTool = { name: 'search', description: 'Searches the docs', inputSchema: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer' } } } };
const lookup: McpTool = {
  name: 'lookup',
  inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
  outputSchema: { type: 'object', properties: { title: { type: 'string' }, score: { type: 'number' } } },
};

function space() {
  const network = fakeNetwork({
    'GET /api/plugins/tool-sets': () => ({ body: { items: [summaryOf(weather), summaryOf(drafty)] } }),
    'GET /api/plugins/tool-sets/tool%40weather/versions': () => ({ body: { items: [published('v2', 2), published('v1', 1)] } }),
    'GET /api/plugins/tool-sets/tool%40weather/versions/v2': () => ({ body: detail('v2', 2, [forecastV2, alerts]) }),
    'GET /api/plugins/tool-sets/tool%40weather/versions/v1': () => ({ body: detail('v1', 1, [forecastV1]) }),
    'GET /api/plugins/tool-sets/tool%40weather': () => ({ body: weather }),
    'GET /api/plugins/tool-sets/tool%40drafty/versions': () => ({ body: { items: [] } }),
    'GET /api/plugins/tool-sets/tool%40drafty': () => ({ body: drafty }),
    'GET /api/plugins/mcp-servers': () => ({ body: { items: [mcpServerOf({ id: 'mcp@docs', name: 'Docs' }), mcpServerOf({ id: 'mcp@down', name: 'Down' })] } }),
    'GET /api/plugins/mcp-servers/mcp%40docs/tools': () => ({ body: { tools: [search, lookup], cached: false } }),
    'GET /api/plugins/mcp-servers/mcp%40down/tools': () => ({ status: 502, body: { code: 'mcp_unreachable', message: 'the server did not answer' } }),
  });
  vi.stubGlobal('fetch', network.fetch);
  return network;
}

const wired = { type: 'ref' as const, content: { nodeId: 'node-start::s1', name: 'AGENT_USER_INPUT' } };

/** A plugin node imported with `nodeParam`, whose input `city` reads the start's input. */
function withPluginNode(nodeParam: Record<string, unknown>): { state: EditorState; nodeId: string } {
  const { state, node } = addNode(freshState(), 'plugin');
  const next = editorReducer(state, {
    type: 'update-node',
    nodeId: node.id,
    update: (item: DraftNode) => ({
      ...item,
      data: { ...item.data, nodeParam: { ...item.data.nodeParam, ...nodeParam }, inputs: [{ id: 'i-city', name: 'city', schema: { type: 'string', value: wired } }] },
    }),
  });
  return { state: next, nodeId: node.id };
}

let shownNode = '';
function renderPanel(nodeParam: Record<string, unknown>) {
  const network = space();
  const { state, nodeId } = withPluginNode(nodeParam);
  shownNode = nodeId;
  renderNodePanel(state, nodeId);
  return network;
}

const pluginNode = () => shownDraft().nodes.find((node) => node.id === shownNode)!;
const typed = (items: { name: string; schema: { type: string } }[]) => items.map((item) => [item.name, item.schema.type]);
const optionsOf = (testId: string, optionId: string) => within(screen.getByTestId(testId)).queryAllByTestId(optionId).map((option) => option.getAttribute('value'));
const select = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const firstOption = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('option')[0]!;

describe('plugin picker: OpenAPI tool sets', () => {
  it('lists an imported tool set that names nothing of this space so it can be changed, and hides the picked fields', async () => {
    renderPanel({ pluginId: 'tool@gone', operationId: 'oldOp', version: 'v9' });
    await waitFor(() => expect(optionsOf('plugin-toolset', 'plugin-toolset-option')).toEqual(['tool@weather', 'tool@drafty']));
    expect(screen.getByTestId<HTMLSelectElement>('plugin-kind').value).toBe('openapi');
    expect(screen.getByTestId<HTMLSelectElement>('plugin-toolset').value).toBe('tool@gone');
    expect(firstOption('plugin-toolset').textContent).toBe('tool@gone (not a tool set of this space)');
    expect(firstOption('plugin-operation').textContent).toBe('oldOp');
    expect(within(screen.getByTestId('plugin-toolset')).getAllByTestId('plugin-toolset-option')[1]!.textContent).toBe('Drafty (not published)');

    const generated = within(screen.getByTestId('param-form')).getAllByTestId('param-field').map((field) => field.getAttribute('data-path'));
    expect(generated).toEqual(['data.nodeParam.businessInput']);

    select('plugin-toolset', 'tool@weather');
    expect(pluginNode().data.nodeParam).toMatchObject({ pluginId: 'tool@weather' });
    expect(pluginNode().data.nodeParam).not.toHaveProperty('operationId');
    expect(pluginNode().data.nodeParam).not.toHaveProperty('version');
  });

  it("chooses an operation of the latest version: its parameters become inputs (a wired one keeps its value) and its answer's fields outputs", async () => {
    const network = renderPanel({ pluginId: 'tool@weather' });
    await waitFor(() => expect(optionsOf('plugin-operation', 'plugin-operation-option')).toEqual(['getForecast', 'getAlerts']));
    expect(firstOption('plugin-version').textContent).toBe('Latest published (v2)');
    // The latest version's operations run, not the draft's.
    const paths = network.calls.map((call: FakeCall) => call.path);
    expect(paths).toContain('/api/plugins/tool-sets/tool%40weather/versions/v2');
    expect(paths).not.toContain('/api/plugins/tool-sets/tool%40weather');

    select('plugin-operation', 'getForecast');
    const node = pluginNode();
    expect(node.data.nodeParam).toEqual({ businessInput: [], pluginId: 'tool@weather', operationId: 'getForecast' });
    expect(typed(node.data.inputs)).toEqual([
      ['city', 'string'],
      ['days', 'integer'],
    ]);
    expect(node.data.inputs[0]).toMatchObject({ id: 'i-city', schema: { value: wired } });
    expect(typed(node.data.outputs)).toEqual([
      ['city', 'string'],
      ['temperatures', 'array-number'],
    ]);
    expect(screen.getByTestId('plugin-description').textContent).toContain('What getForecast does');
    expect(screen.getByTestId('plugin-description').textContent).toContain('GET /getForecast');
  });

  it("pins a version and takes that version's operation, then goes back to the latest", async () => {
    renderPanel({ pluginId: 'tool@weather', operationId: 'getForecast' });
    await waitFor(() => expect(optionsOf('plugin-version', 'plugin-version-option')).toEqual(['v2', 'v1']));
    select('plugin-version', 'v1');
    await waitFor(() => expect(pluginNode().data.nodeParam.version).toBe('v1'));
    let node = pluginNode();
    expect(node.data.nodeParam).toMatchObject({ pluginId: 'tool@weather', operationId: 'getForecast' });
    expect(typed(node.data.inputs)).toEqual([['city', 'string']]);
    expect(typed(node.data.outputs)).toEqual([['result', 'string']]);
    await waitFor(() => expect(screen.getByTestId<HTMLSelectElement>('plugin-operation').value).toBe('getForecast'));
    expect(optionsOf('plugin-operation', 'plugin-operation-option')).toEqual(['getForecast']);

    select('plugin-version', '');
    await waitFor(() => expect(pluginNode().data.nodeParam).not.toHaveProperty('version'));
    node = pluginNode();
    expect(typed(node.data.inputs)).toEqual([
      ['city', 'string'],
      ['days', 'integer'],
    ]);
  });

  it("says an unpublished tool set's runs fail, lists its draft's operations, and declares no output for an undescribed answer", async () => {
    renderPanel({ pluginId: 'tool@drafty' });
    await waitFor(() => expect(optionsOf('plugin-operation', 'plugin-operation-option')).toEqual(['getAlerts']));
    expect(screen.getByTestId('plugin-unpublished').textContent).toContain('not published');
    expect(firstOption('plugin-version').textContent).toBe('Latest published');
    select('plugin-operation', 'getAlerts');
    const node = pluginNode();
    expect(typed(node.data.inputs)).toEqual([['region', 'string']]);
    expect(node.data.outputs).toEqual([]);
    expect(screen.getByTestId('plugin-description').textContent).toContain('passes it on whole');
  });
});

describe('plugin picker: MCP servers', () => {
  it("switches to an MCP server's tool, dropping the tool set, and writes its inputs and text result", async () => {
    renderPanel({ pluginId: 'tool@weather', operationId: 'getForecast' });
    await waitFor(() => expect(screen.getByTestId<HTMLSelectElement>('plugin-operation').value).toBe('getForecast'));
    select('plugin-kind', 'mcp');
    expect(pluginNode().data.nodeParam).toEqual({ businessInput: [] });
    await waitFor(() => expect(optionsOf('plugin-mcp-server', 'plugin-mcp-server-option')).toEqual(['mcp@docs', 'mcp@down']));
    expect(screen.getByTestId<HTMLSelectElement>('plugin-mcp-tool').disabled).toBe(true);

    select('plugin-mcp-server', 'mcp@docs');
    await waitFor(() => expect(optionsOf('plugin-mcp-tool', 'plugin-mcp-tool-option')).toEqual(['search', 'lookup']));
    select('plugin-mcp-tool', 'search');
    const node = pluginNode();
    expect(node.data.nodeParam).toEqual({ businessInput: [], mcpServerId: 'mcp@docs', toolName: 'search' });
    expect(typed(node.data.inputs)).toEqual([
      ['query', 'string'],
      ['limit', 'integer'],
    ]);
    expect(typed(node.data.outputs)).toEqual([['result', 'string']]);
    expect(screen.getByTestId('plugin-description').textContent).toContain('Searches the docs');

    select('plugin-mcp-tool', 'lookup');
    expect(typed(pluginNode().data.outputs)).toEqual([
      ['title', 'string'],
      ['score', 'number'],
    ]);
    expect(screen.getByTestId<HTMLSelectElement>('plugin-kind').value).toBe('mcp');
  });

  it('lists an imported MCP server and tool that name nothing of this space', async () => {
    renderPanel({ mcpServerId: 'mcp@gone', toolName: 'oldTool' });
    await waitFor(() => expect(firstOption('plugin-mcp-server').textContent).toBe('mcp@gone (not an MCP server of this space)'));
    expect(screen.getByTestId<HTMLSelectElement>('plugin-kind').value).toBe('mcp');
    expect(firstOption('plugin-mcp-tool').textContent).toBe('oldTool');
    select('plugin-mcp-server', 'mcp@docs');
    expect(pluginNode().data.nodeParam).toEqual({ businessInput: [], mcpServerId: 'mcp@docs' });
    await waitFor(() => expect(optionsOf('plugin-mcp-tool', 'plugin-mcp-tool-option')).toEqual(['search', 'lookup']));
  });

  it('lists a tool the server no longer has', async () => {
    renderPanel({ mcpServerId: 'mcp@docs', toolName: 'retired' });
    await waitFor(() => expect(firstOption('plugin-mcp-tool').textContent).toBe('retired (not a tool of this server)'));
    expect(screen.getByTestId<HTMLSelectElement>('plugin-mcp-tool').value).toBe('retired');
  });

  it("says why a server's tools could not be listed", async () => {
    renderPanel({ mcpServerId: 'mcp@down', toolName: 'search' });
    await waitFor(() => expect(screen.getByTestId('plugin-error').textContent).toBe('The server’s tools could not be listed: the server did not answer'));
    expect(screen.getByTestId<HTMLSelectElement>('plugin-mcp-tool').disabled).toBe(true);
  });
});
