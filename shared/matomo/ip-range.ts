// IP addresses and ranges as Matomo's network component compares them: addresses become
// bytes (inet_pton: 4 for IPv4, 16 for IPv6), a range is a low and a high address of the same
// length, and an address is inside when its bytes sort between them. An IPv4-mapped IPv6
// address (::ffff:1.2.3.4) has 16 bytes, so it never falls in an IPv4 range.
// Ranges are written as an address, a CIDR block (1.2.3.0/24, 2001:db8::/32) or an IPv4
// address with `*` wildcards (1.2.3.*), as Matomo's IPUtils::sanitizeIpRange reads them.

export interface IpRange {
  low: Uint8Array;
  high: Uint8Array;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Bytes(text: string): Uint8Array | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  return parts.every((part) => part <= 255) ? Uint8Array.from(parts) : null;
}

function ipv6Bytes(text: string): Uint8Array | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return null;
  const [head = '', tail] = text.split('::');
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const groups = part.split(':');
    for (const [index, group] of groups.entries()) {
      if (index === groups.length - 1 && group.includes('.')) {
        const v4 = ipv4Bytes(group);
        if (!v4) return null;
        out.push(
          ((v4[0] as number) << 8) | (v4[1] as number),
          ((v4[2] as number) << 8) | (v4[3] as number),
        );
      } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) out.push(parseInt(group, 16));
      else return null;
    }
    return out;
  };
  const first = parse(head);
  const last = tail === undefined ? [] : parse(tail);
  if (!first || !last) return null;
  const gap = 8 - first.length - last.length;
  if (tail === undefined ? gap !== 0 : gap < 1) return null;
  const words = tail === undefined ? first : [...first, ...new Array<number>(gap).fill(0), ...last];
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}

/** PHP's inet_pton: the address as bytes, or null when it is not an IP address. */
export function ipBytes(text: string): Uint8Array | null {
  return text.includes(':') ? ipv6Bytes(text) : ipv4Bytes(text);
}

/**
 * A range as IPUtils::sanitizeIpRange and getIpsForRange read it, or null when Matomo would
 * skip it (empty, a `*` before a number, a bad prefix length, not an address).
 */
export function parseIpRange(input: string): IpRange | null {
  let text = input.trim();
  if (text === '') return null;
  let bits: number | null = null;
  if (text.includes('*')) {
    if (/(^|\.)\*\.\d+(\.|$)/.test(text)) return null;
    bits = 32 - 8 * (text.split('*').length - 1);
    text = text.replace(/\*/g, '0');
  }
  const slash = text.indexOf('/');
  if (slash !== -1) {
    const prefix = text.slice(slash + 1);
    if (!/^\d+$/.test(prefix)) return null;
    bits = Number(prefix);
    text = text.slice(0, slash);
  }
  const address = ipBytes(text);
  if (!address) return null;
  const max = address.length * 8;
  const prefix = bits ?? max;
  if (prefix < 0 || prefix > max) return null;
  const low = Uint8Array.from(address);
  const high = Uint8Array.from(address);
  for (let bit = prefix; bit < max; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    low[byte] = (low[byte] as number) & ~mask;
    high[byte] = (high[byte] as number) | mask;
  }
  return { low, high };
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** IP::isInRanges: the address's bytes lie within one range of the same length. */
export function isInRanges(address: Uint8Array, ranges: readonly IpRange[]): boolean {
  return ranges.some(
    (range) =>
      range.low.length === address.length &&
      compare(address, range.low) >= 0 &&
      compare(address, range.high) <= 0,
  );
}
