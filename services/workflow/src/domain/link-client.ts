import { createServiceClient } from '@astron/kit/service-client';
import type { McpCallAnswer, ToolRunAnswer, ToolRunner } from '../engine/node-type.js';
import { actingFor } from './acting-for.js';

/**
 * Plugin nodes run OpenAPI tools and MCP tools through the link service (LINK_URL, read at each call), which owns
 * the tools' documents, credentials and the egress guard; the workflow only names the tool and hands the inputs.
 */
export function linkServiceTools(options: { linkUrl: () => string; serviceToken: string; timeoutMs: number }): ToolRunner {
  const client = () => createServiceClient({ baseUrl: options.linkUrl(), serviceToken: options.serviceToken, caller: 'workflow', timeoutMs: options.timeoutMs });
  return {
    async run(on, request, signal) {
      const response = await client().open('POST', '/link/v1/tools/run', { body: request, on: actingFor(on), signal });
      return (await response.json()) as ToolRunAnswer;
    },
    async callMcp(on, request, signal) {
      const response = await client().open('POST', '/link/v1/mcp/call', { body: request, on: actingFor(on), signal });
      return (await response.json()) as McpCallAnswer;
    },
  };
}
