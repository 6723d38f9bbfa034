import { describe, expect, test } from 'vitest';
import { parseNodeParam } from './registry.js';

const paths = (result: ReturnType<typeof parseNodeParam>) => result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('plugin and database nodeParams', () => {
  test('a plugin names an OpenAPI operation, or a tool of an MCP server; the version is optional', () => {
    expect(parseNodeParam('plugin', { pluginId: 'tool@ab12', operationId: 'getWeather' }).data).toMatchObject({ pluginId: 'tool@ab12', businessInput: [] });
    expect(parseNodeParam('plugin', { pluginId: 'tool@ab12', operationId: 'getWeather' }).data).not.toHaveProperty('version');
    expect(parseNodeParam('plugin', { pluginId: 'tool@ab12', operationId: 'getWeather', version: 'V1.0' }).success).toBe(true);
    expect(parseNodeParam('plugin', { mcpServerId: 'mcp@cd34', toolName: 'search' }).success).toBe(true);
    expect(paths(parseNodeParam('plugin', { mcpServerId: 'mcp@cd34' }))).toEqual(['toolName: choose a tool of the MCP server']);
    expect(paths(parseNodeParam('plugin', {}))).toEqual(['pluginId: choose a tool', 'operationId: the tool operation is not set']);
  });

  test('a database node may name the copy it works on', () => {
    expect(parseNodeParam('database', { dbId: 7, mode: 0, sql: 'select 1', env: 'prod' }).success).toBe(true);
    expect(parseNodeParam('database', { dbId: 7, mode: 0, sql: 'select 1' }).data).not.toHaveProperty('env');
    expect(paths(parseNodeParam('database', { dbId: 7, mode: 0, sql: 'select 1', env: 'test' }))).toEqual(['env: expected dev or prod']);
  });
});
