/**
 * Which addresses the bot may fetch from on a user's behalf: public unicast addresses only, unless an
 * operator allowed a non-public range (`ALLOWED_PRIVATE_NETWORKS`, empty by default; the tests allow
 * 127.0.0.0/8 for their servers on 127.0.0.1). Loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved and unique-local IPv6 are all refused; an
 * IPv4-mapped IPv6 address is judged as the IPv4 address it maps.
 */
import ipaddr from 'ipaddr.js';
import type { NetworkRange } from '../config.ts';

/** Why an address is refused, or null when it may be fetched from. */
export function refusedAddress(address: string, allowed: readonly NetworkRange[]): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  } catch {
    return `${address} is not an IP address`;
  }
  const range = ip.range();
  if (range === 'unicast') return null;
  for (const net of allowed) {
    if (net.range[0].kind() === ip.kind() && ip.match(net.range as [typeof ip, number])) return null;
  }
  return `${ip.toString()} is a ${describeRange(range)} address`;
}

function describeRange(range: string): string {
  const names: Record<string, string> = {
    loopback: 'loopback (this machine)',
    private: 'private-network',
    linkLocal: 'link-local',
    uniqueLocal: 'private-network (unique local)',
    carrierGradeNat: 'carrier-grade NAT',
    unspecified: 'unspecified',
    broadcast: 'broadcast',
    multicast: 'multicast',
    reserved: 'reserved',
  };
  return names[range] ?? `non-public (${range})`;
}

/** Whether `host` (a URL's hostname) is an IP literal rather than a name. */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
}
