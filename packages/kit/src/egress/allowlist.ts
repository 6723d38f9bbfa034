import { BlockList, isIP } from 'node:net';

/** EGRESS_ALLOW_HOSTS, parsed: exact host names, '*.suffix' wildcards and networks. */
export interface AllowList {
  names: ReadonlySet<string>;
  /** '.example.internal' for an entry '*.example.internal': any subdomain, not the apex. */
  suffixes: readonly string[];
  networks: BlockList;
}

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export function normalizeHostName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

function addNetwork(networks: BlockList, entry: string): boolean {
  const [network = '', prefix, extra] = entry.split('/');
  const family = isIP(network);
  if (family === 0 || extra !== undefined) return false;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (prefix === undefined) {
    networks.addAddress(network, type);
    return true;
  }
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (family === 6 ? 128 : 32)) return false;
  networks.addSubnet(network, bits, type);
  return true;
}

/**
 * Parses allowlist entries: '10.0.0.0/8', '10.1.2.3', 'fd00::/8', 'api.internal', '*.corp.example'.
 * Entries are hosts or networks, never ports: a host allowed is allowed on every port.
 * Throws an Error naming `setting` and the bad entry.
 */
export function parseAllowHosts(entries: readonly string[], setting = 'EGRESS_ALLOW_HOSTS'): AllowList {
  const names = new Set<string>();
  const suffixes: string[] = [];
  const networks = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (addNetwork(networks, entry)) continue;
    const name = normalizeHostName(entry);
    if (name.startsWith('*.') && HOST_NAME.test(name.slice(2))) suffixes.push(name.slice(1));
    else if (HOST_NAME.test(name) && !/^[\d.]+$/.test(name)) names.add(name);
    else {
      const hint =
        entry.includes(':') && !entry.includes('/')
          ? ' (ports are not supported: give the host or a CIDR)'
          : '';
      throw new Error(`${setting}: "${raw}" is not a host name, IP address or CIDR${hint}`);
    }
  }
  return { names, suffixes, networks };
}

export function isAllowedName(allowList: AllowList, hostname: string): boolean {
  const name = normalizeHostName(hostname);
  return allowList.names.has(name) || allowList.suffixes.some((suffix) => name.endsWith(suffix));
}

export function isAllowedAddress(allowList: AllowList, address: string): boolean {
  const bare = address.split('%')[0] ?? '';
  const family = isIP(bare);
  return family !== 0 && allowList.networks.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}
