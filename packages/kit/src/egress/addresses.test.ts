import { describe, expect, it } from 'vitest';
import { classifyAddress, embeddedIpv4, ipv6Groups } from './addresses.js';
import { parseAllowHosts } from './allowlist.js';
import { egressOptionsFromEnv } from './config.js';
import { checkAddress } from './policy.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private network'],
    ['172.16.0.1', 'private network'],
    ['172.31.255.255', 'private network'],
    ['192.168.1.1', 'private network'],
    ['fc00::1', 'private network'],
    ['fd12:3456::1', 'private network'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fec0::1', 'site-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['::', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['2001::1', 'reserved'],
    ['100::1', 'reserved'],
    ['64:ff9b:1::1', 'reserved'],
    ['::127.0.0.1', 'reserved'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
  ])('%s is %s', (address, reason) => {
    expect(classifyAddress(address)?.reason).toBe(reason);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.1'],
    ['::ffff:7f00:1', 'loopback', '127.0.0.1'],
    ['::ffff:a9fe:a9fe', 'cloud metadata', '169.254.169.254'],
    ['64:ff9b::10.0.0.1', 'private network', '10.0.0.1'],
    ['64:ff9b::c0a8:101', 'private network', '192.168.1.1'],
    ['2002:c0a8:0101::1', 'private network', '192.168.1.1'],
  ])('%s carries %s IPv4', (address, reason, inner) => {
    expect(classifyAddress(address)).toEqual({ reason, embeddedIpv4: inner });
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });

  it('parses IPv6 groups and embedded IPv4 addresses', () => {
    expect(ipv6Groups('1:2::7:8')).toEqual([1, 2, 0, 0, 0, 0, 7, 8]);
    expect(ipv6Groups('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(embeddedIpv4('2606:4700::1')).toBeUndefined();
    expect(() => classifyAddress('example.com')).toThrow(TypeError);
  });
});

describe('allowlist and policy', () => {
  const policy = (allowHosts: string[], allowPrivate = false) => ({
    allowPrivate,
    allowList: parseAllowHosts(allowHosts),
  });

  it('lets networks, names and wildcards through, and names the setting when refusing', () => {
    expect(() => checkAddress(policy(['10.0.0.0/8']), 'db.internal', '10.9.8.7')).not.toThrow();
    expect(() => checkAddress(policy(['10.1.2.3']), 'db.internal', '10.1.2.3')).not.toThrow();
    expect(() => checkAddress(policy(['fd00::/8']), 'v6.internal', 'fd00::5')).not.toThrow();
    expect(() => checkAddress(policy(['api.internal']), 'API.internal.', '10.9.8.7')).not.toThrow();
    expect(() => checkAddress(policy(['*.corp.example']), 'a.b.corp.example', '10.9.8.7')).not.toThrow();
    expect(() => checkAddress(policy(['*.corp.example']), 'corp.example', '10.9.8.7')).toThrow(
      'refused 10.9.8.7 (private network) for host corp.example; allow it with EGRESS_ALLOW_HOSTS=10.9.8.7/32 or EGRESS_ALLOW_PRIVATE=true',
    );
    expect(() => checkAddress(policy([]), 'v6.example', 'fc00::1')).toThrow('EGRESS_ALLOW_HOSTS=fc00::1/128');
  });

  it('keeps cloud metadata closed to allowPrivate and to host names, open to an explicit network', () => {
    expect(() => checkAddress(policy([], true), 'x.example', '10.0.0.1')).not.toThrow();
    expect(() => checkAddress(policy([], true), 'x.example', '169.254.169.254')).toThrow(
      /EGRESS_ALLOW_PRIVATE does not cover cloud metadata/,
    );
    expect(() => checkAddress(policy(['metadata.test']), 'metadata.test', '169.254.169.254')).toThrow(
      /cloud metadata/,
    );
    expect(() =>
      checkAddress(policy(['169.254.169.254/32']), 'metadata.test', '169.254.169.254'),
    ).not.toThrow();
  });

  it('rejects allowlist entries that are not hosts or networks, with the setting name', () => {
    for (const entry of ['127.0.0.1:8080', '10.0.0.0/33', 'http://x', 'a b', '1.2.3']) {
      expect(() => parseAllowHosts([entry])).toThrow(/^EGRESS_ALLOW_HOSTS: /);
    }
    expect(() => parseAllowHosts(['127.0.0.1:8080'])).toThrow(/ports are not supported/);
  });

  it('reads EGRESS_ALLOW_HOSTS and EGRESS_ALLOW_PRIVATE from an environment', () => {
    expect(egressOptionsFromEnv({})).toEqual({ allowHosts: [], allowPrivate: false });
    expect(
      egressOptionsFromEnv({
        EGRESS_ALLOW_HOSTS: ' 10.0.0.0/8, api.internal ,',
        EGRESS_ALLOW_PRIVATE: 'TRUE',
      }),
    ).toEqual({
      allowHosts: ['10.0.0.0/8', 'api.internal'],
      allowPrivate: true,
    });
    expect(() => egressOptionsFromEnv({ EGRESS_ALLOW_PRIVATE: 'maybe' })).toThrow(
      /^EGRESS_ALLOW_PRIVATE must be true or false/,
    );
    expect(() => egressOptionsFromEnv({ EGRESS_ALLOW_HOSTS: '10.0.0.1:80' })).toThrow(
      /^EGRESS_ALLOW_HOSTS: /,
    );
  });
});
