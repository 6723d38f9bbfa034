import type { App, HttpApp } from '@astron/kit/http';
import { accountRoutes } from './accounts/routes.js';
import { agentRoutes } from './agents/register.js';
import { apiKeyRoutes } from './api-keys/routes.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import type { HubContext } from './context.js';
import { gatewayRoutes } from './gateway/routes.js';
import { providerRoutes } from './providers/routes.js';
import { invitationRoutes } from './spaces/invitation-routes.js';
import { spaceRoutes } from './spaces/routes.js';
import { knowledgeRoutes } from './knowledge/register.js';
import { databaseRoutes } from './databases/routes.js';
import { pluginRoutes } from './plugins/register.js';
import { mcpRoutes } from './mcp/routes.js';
import { workflowRoutes } from './workflows/register.js';

/** Every route module of the hub, registered in one place. */
export function registerRoutes(app: App, context: HubContext, _http: HttpApp): void {
  accountRoutes(app, context);
  authRoutes(app, context);
  spaceRoutes(app, context);
  invitationRoutes(app, context);
  auditRoutes(app, context);
  providerRoutes(app, context);
  apiKeyRoutes(app, context);
  gatewayRoutes(app, context);
  agentRoutes(app, context);
  workflowRoutes(app, context);
  knowledgeRoutes(app, context);
  pluginRoutes(app, context);
  databaseRoutes(app, context);
  mcpRoutes(app, context);
}
