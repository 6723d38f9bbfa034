import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { agentGatewayRoutes } from './gateway-routes.js';
import { internalAgentRoutes } from './internal-routes.js';
import { agentLogRoutes } from './log-routes.js';
import { agentConsoleRoutes } from './routes.js';

/** Agents: the console's /api/agents (with their conversation logs), the public /v1 chat API, and the agent service's /internal endpoint. */
export function agentRoutes(app: App, context: HubContext): void {
  agentConsoleRoutes(app, context);
  agentLogRoutes(app, context);
  agentGatewayRoutes(app, context);
  internalAgentRoutes(app, context);
}
