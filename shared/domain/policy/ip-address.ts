const DECIMAL_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** The four octets of a dotted-quad IPv4 address, or null; leading zeros are refused (they read as octal in some tools). */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    octets.push(value);
  }
  return octets;
}

function parseHexGroups(part: string): number[] | null {
  if (part === "") return [];
  const groups: number[] = [];
  for (const group of part.split(":")) {
    if (!HEX_GROUP.test(group)) return null;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
}

/** Rewrites a trailing embedded IPv4 address (::ffff:192.0.2.1) as two hex groups, or null when it is malformed. */
function inlineEmbeddedIpv4(text: string): string | null {
  if (!text.includes(".")) return text;
  const lastColon = text.lastIndexOf(":");
  if (lastColon < 0) return null;
  const octets = parseIpv4(text.slice(lastColon + 1));
  if (octets === null) return null;
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/**
 * The eight 16-bit groups of an IPv6 address (RFC 4291 text forms, "::" compression, embedded IPv4 tail), or null.
 * Zone ids (fe80::1%eth0) and prefixes (/64) are not addresses and are refused.
 */
export function parseIpv6(text: string): number[] | null {
  const hexOnly = inlineEmbeddedIpv4(text);
  if (hexOnly === null) return null;
  const halves = hexOnly.split("::");
  if (halves.length > 2) return null;
  const [headText = "", tailText] = halves;
  const head = parseHexGroups(headText);
  if (head === null) return null;
  if (tailText === undefined) return head.length === 8 ? head : null;
  const tail = parseHexGroups(tailText);
  if (tail === null || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * One text per address: an IPv4 address as written (leading zeros are refused, so it has one form), also when written
 * IPv4-mapped; an IPv6 address in RFC 5952's form (lower case, no leading zeros, the longest run of two or more zero
 * groups as "::"). Text that is not an address is returned as it is.
 */
export function canonicalIp(text: string): string {
  if (parseIpv4(text) !== null) return text;
  const groups = parseIpv6(text);
  if (groups === null) return text;
  // An IPv4-mapped address (::ffff:a.b.c.d, RFC 4291 §2.5.5.2) is the IPv4 host: a dual-stack log shows it that way.
  if (groups.slice(0, 6).join(":") === `0:0:0:0:0:${0xffff}`) return [groups[6] ?? 0, groups[7] ?? 0].flatMap((g) => [g >> 8, g & 0xff]).join(".");
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}
