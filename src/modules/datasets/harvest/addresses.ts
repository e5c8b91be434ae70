import ipaddr from 'ipaddr.js';

/**
 * Why a harvest may not reach an address, or null when it may: only global unicast addresses are reached (no
 * loopback, private, link-local, carrier-grade NAT, multicast, broadcast, unspecified, reserved, documentation or
 * benchmarking ranges, in IPv4 or IPv6), so a catalog address cannot point the server at its own network.
 *
 * IPv6 forms that carry an IPv4 address are judged by that IPv4 address: IPv4-mapped (::ffff:0:0/96), the
 * translated form (::ffff:0:0:0/96), IPv4-compatible (::/96), well-known NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 * Those whose IPv4 part cannot be read reliably, or that tunnel through a local network, are refused outright:
 * local-use NAT64 (64:ff9b:1::/48) and Teredo (2001::/32). Any other IPv6 address must be in 2000::/3.
 *
 * `allowed` (HARVEST_ALLOW_ADDRESSES) names addresses the operator lets through all the same, e.g. 127.0.0.1 in tests.
 */
export function addressRefusal(address: string, allowed: readonly string[] = []): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'not an address';
  }
  if (isAllowed(parsed, allowed)) return null;
  if (parsed.kind() === 'ipv4') {
    const range = parsed.range();
    return range === 'unicast' ? null : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) {
    const refusal = addressRefusal(embedded.v4.toString(), allowed);
    return refusal && `${refusal} (${embedded.form} ${embedded.v4})`;
  }
  // Local-use NAT64 ('rfc6052' here, the well-known prefix having been read above) and Teredo are refused as ranges.
  const range = v6.range();
  if (range !== 'unicast') return range;
  return (v6.parts[0] & 0xe000) === 0x2000 ? null : 'not global unicast';
}

/** The IPv4 address inside an IPv6 address of a form that carries one at a fixed place; null for the others. */
function embeddedIPv4(v6: ipaddr.IPv6): { form: string; v4: ipaddr.IPv4 } | null {
  const p = v6.parts;
  const zeros = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  const at = (form: string, hi: number, lo: number) => ({ form, v4: new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]) });
  if (zeros(0, 5) && p[5] === 0xffff) return at('IPv4-mapped', p[6], p[7]);
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return at('IPv4-translated', p[6], p[7]);
  // :: and ::1 are not IPv4-compatible addresses but the unspecified and loopback addresses (judged as such below).
  if (zeros(0, 6) && (p[6] !== 0 || p[7] > 1)) return at('IPv4-compatible', p[6], p[7]);
  if (p[0] === 0x64 && p[1] === 0xff9b && zeros(2, 6)) return at('NAT64', p[6], p[7]);
  if (p[0] === 0x2002) return at('6to4', p[1], p[2]);
  return null;
}

function isAllowed(address: ipaddr.IPv4 | ipaddr.IPv6, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return false;
  const normal = address.toNormalizedString();
  return allowed.some((a) => ipaddr.isValid(a) && ipaddr.parse(a).toNormalizedString() === normal);
}
