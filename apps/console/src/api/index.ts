import { runtimeConfig } from '../config.js';
import { createApiClient } from './client.js';
import { endpoints } from './endpoints.js';

export { ApiError, isApiError } from './client.js';
export type * from './types.js';
export type * from './plugin-types.js';
export type * from './database-types.js';

let unauthorizedHandler: (() => void) | undefined;

/** The app decides where a 401 leads (the router is made after the client). */
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorizedHandler = handler;
}

export const client = createApiClient({
  baseUrl: runtimeConfig().apiBaseUrl,
  onUnauthorized: () => unauthorizedHandler?.(),
});
export const api = endpoints(client);
