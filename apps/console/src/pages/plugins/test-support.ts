import type { McpServer, ToolSet, ToolSetSummary } from '../../api/plugin-types.js';

export function toolSetOf(changes: Partial<ToolSet> = {}): ToolSet {
  return {
    id: 'tool@abc123',
    name: 'Weather',
    description: 'Forecasts',
    format: 'openapi-3.0',
    serverUrl: 'https://api.weather.example',
    operationCount: 1,
    authType: 'none',
    latestVersion: null,
    createdBy: 'us_1',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    source: { kind: 'text', url: null },
    auth: { type: 'none' },
    operations: [
      {
        operationId: 'getForecast',
        name: 'getForecast',
        method: 'get',
        path: '/forecast/{city}',
        summary: 'Forecast of a city',
        description: '',
        inputSchema: {
          type: 'object',
          properties: {
            city: { type: 'string', description: 'City name' },
            days: { type: 'integer' },
            units: { type: 'string', enum: ['metric', 'imperial'] },
          },
          required: ['city'],
        },
        outputSchema: null,
      },
    ],
    skipped: [],
    ...changes,
  };
}

export function summaryOf(toolSet: ToolSet): ToolSetSummary {
  const { source: _source, auth: _auth, operations: _operations, skipped: _skipped, ...summary } = toolSet;
  return summary;
}

export function mcpServerOf(changes: Partial<McpServer> = {}): McpServer {
  return {
    id: 'mcp@srv1',
    name: 'Docs search',
    description: '',
    url: 'https://mcp.example/mcp',
    transport: 'streamable-http',
    headers: {},
    bearerToken: null,
    createdBy: 'us_1',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...changes,
  };
}
