import { parseAllowHosts } from './allowlist.js';
import type { EgressOptions } from './client.js';
import { EGRESS_ALLOW_HOSTS, EGRESS_ALLOW_PRIVATE } from './errors.js';

const TRUE_VALUES = new Set(['true', '1', 'yes', 'on']);
const FALSE_VALUES = new Set(['false', '0', 'no', 'off', '']);

/**
 * The egress settings in an environment: EGRESS_ALLOW_HOSTS (comma-separated hosts, IPs, CIDRs) and
 * EGRESS_ALLOW_PRIVATE (true/false). Throws an Error naming the variable when a value is bad.
 */
export function egressOptionsFromEnv(
  env: Record<string, string | undefined>,
): Pick<EgressOptions, 'allowHosts' | 'allowPrivate'> {
  const allowHosts = (env[EGRESS_ALLOW_HOSTS] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  parseAllowHosts(allowHosts, EGRESS_ALLOW_HOSTS);
  const flag = (env[EGRESS_ALLOW_PRIVATE] ?? '').trim().toLowerCase();
  if (!TRUE_VALUES.has(flag) && !FALSE_VALUES.has(flag)) {
    throw new Error(
      `${EGRESS_ALLOW_PRIVATE} must be true or false, got ${JSON.stringify(env[EGRESS_ALLOW_PRIVATE])}`,
    );
  }
  return { allowHosts, allowPrivate: TRUE_VALUES.has(flag) };
}
