/** `production` refuses anything but public https targets; `development` also allows http on loopback. */
export type UrlPolicy = "production" | "development";

const BLOCKED_HOSTS =
  /^(localhost|.*\.localhost|.*\.internal|.*\.local|metadata\.google\.internal|metadata)$/i;

function ipv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** Loopback, private, link-local (incl. cloud metadata 169.254.169.254), CGNAT and reserved ranges. */
function isNonPublicIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19))
  );
}

function isNonPublicIpv6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "::" || h === "::1") return true;
  if (/^f[cd]/.test(h) || /^fe[89ab]/.test(h)) return true;
  // IPv4-mapped addresses, which URL parsing writes in hex (::ffff:a00:1 for 10.0.0.1).
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  const v4 = dotted?.[1]
    ? ipv4(dotted[1])
    : hex?.[1] && hex[2]
      ? [
          parseInt(hex[1], 16) >> 8,
          parseInt(hex[1], 16) & 255,
          parseInt(hex[2], 16) >> 8,
          parseInt(hex[2], 16) & 255,
        ]
      : null;
  return v4 ? isNonPublicIpv4(v4) : false;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Why a webhook target is refused (SSRF), or null when it may be called: https only (http on
 * loopback in development), no credentials in the URL, and in production no private, loopback,
 * link-local or metadata addresses. Checked at create/update and again before each delivery.
 */
export function webhookUrlProblem(value: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password) return "must not carry credentials";
  const host = url.hostname.toLowerCase();
  if (policy === "development" && isLoopback(host)) {
    return url.protocol === "http:" || url.protocol === "https:" ? null : "must use http(s)";
  }
  if (url.protocol !== "https:") return "must use https";
  if (BLOCKED_HOSTS.test(host)) return "must be a public host";
  const v4 = ipv4(host);
  if ((v4 && isNonPublicIpv4(v4)) || (host.startsWith("[") && isNonPublicIpv6(host))) {
    return "must not point to a private, loopback or link-local address";
  }
  return null;
}
