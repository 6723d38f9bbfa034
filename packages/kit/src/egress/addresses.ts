import { BlockList, isIP } from 'node:net';

/** Why an address is not public; the words appear in refusal messages. */
export type BlockReason =
  | 'cloud metadata'
  | 'loopback'
  | 'private network'
  | 'link-local'
  | 'site-local'
  | 'carrier-grade NAT'
  | 'this network'
  | 'multicast'
  | 'broadcast'
  | 'reserved';

/** Most specific first: the metadata hosts sit inside link-local, private and CGNAT ranges. */
const RANGES: ReadonlyArray<readonly [cidr: string, reason: BlockReason]> = [
  ['169.254.169.254/32', 'cloud metadata'], // AWS, GCP, Azure, OpenStack, DigitalOcean ...
  ['169.254.170.2/32', 'cloud metadata'], // AWS ECS task credentials
  ['100.100.100.200/32', 'cloud metadata'], // Alibaba Cloud
  ['192.0.0.192/32', 'cloud metadata'], // Oracle Cloud
  ['168.63.129.16/32', 'cloud metadata'], // Azure WireServer
  ['fd00:ec2::254/128', 'cloud metadata'], // AWS IMDS over IPv6
  ['0.0.0.0/8', 'this network'],
  ['10.0.0.0/8', 'private network'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private network'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments
  ['192.0.2.0/24', 'reserved'], // documentation
  ['192.88.99.0/24', 'reserved'], // 6to4 relay anycast
  ['192.168.0.0/16', 'private network'],
  ['198.18.0.0/15', 'reserved'], // benchmarking
  ['198.51.100.0/24', 'reserved'], // documentation
  ['203.0.113.0/24', 'reserved'], // documentation
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'this network'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'reserved'], // local-use NAT64
  ['100::/64', 'reserved'], // discard-only
  ['2001::/23', 'reserved'], // IETF protocol assignments, Teredo
  ['2001:db8::/32', 'reserved'], // documentation
  ['fc00::/7', 'private network'], // unique local
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
];

function subnetList(cidr: string): BlockList {
  const [network = '', prefix = ''] = cidr.split('/');
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return list;
}

const CLASSIFIERS = RANGES.map(([cidr, reason]) => ({ list: subnetList(cidr), reason }));
/** Everything outside 2000::/3 (global unicast) is reserved in IPv6. */
const GLOBAL_UNICAST = subnetList('2000::/3');

export interface AddressVerdict {
  reason: BlockReason;
  /** The IPv4 address carried inside an IPv6 one (mapped, NAT64, 6to4), when that is what was judged. */
  embeddedIpv4?: string;
}

/** The eight 16-bit groups of a valid IPv6 address ('::ffff:1.2.3.4' included). */
export function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0] ?? '';
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const headGroups = parse(head);
  const tailGroups = tail === undefined ? [] : parse(tail);
  const zeros = new Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  return [...headGroups, ...zeros, ...tailGroups];
}

function ipv4From(high: number, low: number): string {
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
export function embeddedIpv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return ipv4From(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4From(g6, g7);
  if (g0 === 0x2002) return ipv4From(g1 ?? 0, g2 ?? 0);
  return undefined;
}

/** Null for a public address; otherwise why it is not. Throws on something that is not an IP address. */
export function classifyAddress(addressWithZone: string): AddressVerdict | null {
  const address = addressWithZone.split('%')[0] ?? '';
  const family = isIP(address);
  if (family === 0) throw new TypeError(`${addressWithZone} is not an IP address`);
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner !== undefined) {
      const verdict = classifyAddress(inner);
      return verdict === null ? null : { reason: verdict.reason, embeddedIpv4: inner };
    }
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  for (const { list, reason } of CLASSIFIERS) {
    if (list.check(address, type)) return { reason };
  }
  if (family === 6 && !GLOBAL_UNICAST.check(address, 'ipv6')) return { reason: 'reserved' };
  return null;
}
