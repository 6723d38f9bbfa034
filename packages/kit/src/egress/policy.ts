import { isIP } from 'node:net';
import { classifyAddress } from './addresses.js';
import { isAllowedAddress, isAllowedName, normalizeHostName, type AllowList } from './allowlist.js';
import { blockedAddress, blockedName } from './errors.js';

export interface EgressPolicy {
  allowPrivate: boolean;
  allowList: AllowList;
}

/** Names that reach a metadata service without their address being special to anyone but the cloud's DNS. */
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog']);

/** Strips the brackets WHATWG URL keeps around IPv6 hosts: '[::1]' -> '::1'. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * Throws egress_blocked unless `address` may be reached for `hostname`. An allowlisted network admits
 * anything in it; an allowlisted host name or EGRESS_ALLOW_PRIVATE admits every non-public address
 * except cloud metadata, which only an explicit network entry opens.
 */
export function checkAddress(policy: EgressPolicy, hostname: string, address: string): void {
  if (isAllowedAddress(policy.allowList, address)) return;
  const verdict = classifyAddress(address);
  if (verdict === null) return;
  const exempt = policy.allowPrivate || isAllowedName(policy.allowList, hostname);
  if (exempt && verdict.reason !== 'cloud metadata') return;
  throw blockedAddress(hostname, address, verdict);
}

/** The checks possible before any DNS: literal IPs in full, and names that are metadata endpoints. */
export function checkHost(policy: EgressPolicy, urlHostname: string): void {
  const host = bareHost(urlHostname);
  if (isIP(host) !== 0) return checkAddress(policy, host, host);
  if (METADATA_NAMES.has(normalizeHostName(host)) && !isAllowedName(policy.allowList, host))
    throw blockedName(host);
}
