import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { linkConsoleRoutes } from './link-routes.js';
import { pluginSettingsRoutes } from './settings-routes.js';

/** Plugins: tool sets and MCP servers (link), the AI tools' models (aitools) and the RPA token of the session's space. */
export function pluginRoutes(app: App, context: HubContext): void {
  linkConsoleRoutes(app, context);
  pluginSettingsRoutes(app, context);
}
