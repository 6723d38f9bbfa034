export { initTelemetry, type Telemetry, type TelemetryOptions } from './setup.js';
export { injectTraceHeaders, extractTraceContext } from './propagation.js';
