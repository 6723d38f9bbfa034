import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { egressFailed } from './errors.js';
import { checkAddress, type EgressPolicy } from './policy.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Turns a host name into addresses. Tests inject one to make 'evil.test' resolve to 10.0.0.1. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const results = await dnsLookup(hostname, { all: true, verbatim: true });
  return results.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

function dnsFailed(hostname: string, reason: unknown) {
  const code = (reason as NodeJS.ErrnoException | undefined)?.code;
  const message = code ?? (reason instanceof Error ? reason.message : String(reason));
  return egressFailed(
    'egress_dns_failed',
    `could not resolve host ${hostname}: ${message}`,
    code === 'EAI_AGAIN',
    reason,
  );
}

/** Resolves `hostname` and refuses it when ANY of its addresses is blocked, so no address is left to chance. */
export async function resolveVetted(
  policy: EgressPolicy,
  resolver: Resolver,
  hostname: string,
): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolver(hostname);
  } catch (error) {
    throw dnsFailed(hostname, error);
  }
  if (addresses.length === 0) throw dnsFailed(hostname, 'no addresses');
  for (const { address } of addresses) {
    if (isIP(address) === 0) throw dnsFailed(hostname, `the resolver returned ${JSON.stringify(address)}`);
    checkAddress(policy, hostname, address);
  }
  return addresses;
}

function familyOf(option: unknown): 4 | 6 | undefined {
  if (option === 4 || option === 'IPv4') return 4;
  if (option === 6 || option === 'IPv6') return 6;
  return undefined;
}

/**
 * A `lookup` for net/tls.connect: the socket connects to exactly the addresses vetted here, in the same
 * call, so DNS cannot answer differently between the check and the connect (rebinding).
 */
export function vettingLookup(policy: EgressPolicy, resolver: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolveVetted(policy, resolver, hostname).then(
      (addresses) => {
        const family = familyOf(options.family);
        const wanted: LookupAddress[] =
          family === undefined ? addresses : addresses.filter((entry) => entry.family === family);
        const [first] = wanted;
        if (first === undefined) return callback(dnsFailed(hostname, `no IPv${family} address`), '', 0);
        if (options.all === true) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, '', 0),
    );
  };
}
