/**
 * The source a throttle counts a request under: the IPv4 address, or the /64 prefix of an
 * IPv6 address, since a subscriber is handed at least a whole /64 (RFC 6177) and could
 * otherwise rotate through 2^64 addresses. IPv4-mapped IPv6 addresses count as their IPv4 address.
 * A request without an address (local development) counts as "unknown".
 */
export function sourceAddress(ip: string | null | undefined): string {
  const value = (ip ?? "").trim().toLowerCase().replace(/%.*$/, "");
  if (!value) return "unknown";
  if (!value.includes(":")) return value;
  const mapped = /^(?:::|(?:0{1,4}:){5})ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped?.[1]) return mapped[1];
  const groups = expandIpv6(value);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : value;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros; null when malformed. */
function expandIpv6(value: string): string[] | null {
  const halves = value.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}
