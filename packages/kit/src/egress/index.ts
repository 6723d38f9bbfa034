export {
  createEgressClient,
  type EgressClient,
  type EgressOptions,
  type EgressRequestInit,
} from './client.js';
export type { EgressResponse } from './response.js';
export type { EgressStreamInit, EgressStreamResponse } from './stream.js';
export { egressOptionsFromEnv } from './config.js';
export { EGRESS_ALLOW_HOSTS, EGRESS_ALLOW_PRIVATE } from './errors.js';
export { classifyAddress, embeddedIpv4, type AddressVerdict, type BlockReason } from './addresses.js';
export { parseAllowHosts, type AllowList } from './allowlist.js';
export { systemResolver, type ResolvedAddress, type Resolver } from './resolve.js';
