import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { workflowCompatRoutes } from './compat-routes.js';
import { workflowGatewayRoutes } from './gateway-routes.js';
import { workflowRunRoutes } from './run-routes.js';
import { workflowConsoleRoutes } from './routes.js';

/** Workflows: the console's /api/workflows (drafts, versions, debug runs and run history) the public /v1 run API, and the original's /workflow/v1 API. */
export function workflowRoutes(app: App, context: HubContext): void {
  workflowConsoleRoutes(app, context);
  workflowRunRoutes(app, context);
  workflowGatewayRoutes(app, context);
  workflowCompatRoutes(app, context);
}
