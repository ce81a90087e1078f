/** Dotted-quad IPv4 as four octets, or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/**
 * Loopback, private (RFC 1918), link-local (incl. cloud metadata 169.254.169.254), CGNAT
 * (RFC 6598), "this network", benchmarking, multicast and reserved ranges (RFC 6890).
 */
export function isNonPublicIpv4([a = 0, b = 0, c = 0]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19))
  );
}

/** The eight 16-bit groups of an IPv6 address (brackets allowed, `::` and a dotted tail expanded). */
export function parseIpv6(text: string): number[] | null {
  let h = text.replace(/^\[|\]$/g, "").toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(h)?.[1];
  if (tail) {
    const v4 = parseIpv4(tail);
    if (!v4) return null;
    const [a = 0, b = 0, c = 0, d = 0] = v4;
    h = `${h.slice(0, -tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  if (!/^[0-9a-f:]+$/.test(h) || h.split("::").length > 2) return null;
  const [head = "", rest] = h.split("::");
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array(Math.max(missing, 0)).fill("0"), ...right];
  if (groups.some((g) => g.length === 0 || g.length > 4)) return null;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * The IPv4 address an IPv6 one carries (mapped ::ffff:0:0/96, translated ::ffff:0:0:0/96,
 * compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16), or null.
 */
function embeddedIpv4(g: number[]): number[] | null {
  const tail = [(g[6] ?? 0) >> 8, (g[6] ?? 0) & 255, (g[7] ?? 0) >> 8, (g[7] ?? 0) & 255];
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && (g[5] === 0xffff || g[5] === 0)) return tail;
  if (zeros(4) && g[4] === 0xffff && g[5] === 0) return tail;
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return tail;
  if (g[0] === 0x2002) {
    return [(g[1] ?? 0) >> 8, (g[1] ?? 0) & 255, (g[2] ?? 0) >> 8, (g[2] ?? 0) & 255];
  }
  return null;
}

/**
 * Unspecified, loopback, unique-local (fc00::/7), link-local (fe80::/10), site-local
 * (fec0::/10), multicast, and any IPv6 form that embeds a non-public IPv4 (RFC 6890).
 */
export function isNonPublicIpv6(groups: number[]): boolean {
  const [first = 0] = groups;
  if (groups.every((x) => x === 0)) return true;
  if (groups.slice(0, 7).every((x) => x === 0) && groups[7] === 1) return true;
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0) {
    return true;
  }
  if ((first & 0xff00) === 0xff00) return true;
  const v4 = embeddedIpv4(groups);
  return v4 ? isNonPublicIpv4(v4) : false;
}

/** True for an IPv4 or IPv6 address (as text) that is not a public unicast address. */
export function isNonPublicAddress(text: string): boolean {
  const v4 = parseIpv4(text);
  if (v4) return isNonPublicIpv4(v4);
  const v6 = parseIpv6(text);
  return v6 ? isNonPublicIpv6(v6) : true;
}
