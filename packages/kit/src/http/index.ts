export { createHttpApp, type App, type HttpApp, type HttpAppOptions } from './app.js';
export type { ReadinessCheck } from './probes.js';
export type { EventStream, ServerSentEvent } from './sse.js';
export { callerSpace, serviceCaller } from './service-auth.js';
