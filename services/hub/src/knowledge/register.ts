import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { knowledgeGatewayRoutes } from './gateway-routes.js';
import { knowledgeConsoleRoutes } from './routes.js';

/** Knowledge: the console's /api/knowledge-bases and the public /v1/knowledge retrieval, both through the knowledge service. */
export function knowledgeRoutes(app: App, context: HubContext): void {
  knowledgeConsoleRoutes(app, context);
  knowledgeGatewayRoutes(app, context);
}
