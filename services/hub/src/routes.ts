import type { App, HttpApp } from '@astron/kit/http';
import type { HubContext } from './context.js';

/** Every route module of the hub, registered in one place. */
export function registerRoutes(_app: App, _context: HubContext, _http: HttpApp): void {}
