import { isNonPublicIpv4, isNonPublicIpv6, parseIpv4, parseIpv6 } from "./ip-ranges.ts";

/** `production` refuses anything but public https targets; `development` also allows http on loopback. */
export type UrlPolicy = "production" | "development";

const BLOCKED_HOSTS = /^(localhost|.+\.localhost|.+\.internal|.+\.local|.+\.home\.arpa|metadata)$/;

/**
 * Public DNS names that answer with whatever address the name spells, or with loopback, so a
 * URL that looks public reaches a private address (wildcard DNS services and known rebinding
 * services). The list cannot be complete; `embedsPrivateIpv4` and DoH catch most of the rest.
 */
const REBINDING_DOMAINS = [
  "localtest.me",
  "lvh.me",
  "vcap.me",
  "lacolhost.com",
  "fuf.me",
  "nip.io",
  "sslip.io",
  "xip.io",
  "traefik.me",
  "localhost.direct",
  "1u.ms",
  "rbndr.us",
  "rebind.it",
  "lock.cmpxchg8b.com",
  "ip6.name",
];

function isRebindingDomain(host: string): boolean {
  return REBINDING_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * True when a name spells a non-public IPv4 inside it, the way wildcard DNS services read it:
 * dotted (`10.0.0.1.example.com`), dashed (`app-10-0-0-1.example.com`) or as 8 hex digits
 * (`7f000001.example.com`).
 */
function embedsPrivateIpv4(host: string): boolean {
  const spelled = /(?:^|[.-])(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})(?=$|[.-])/g;
  for (const match of host.matchAll(spelled)) {
    const v4 = parseIpv4(match.slice(1, 5).join("."));
    if (v4 && isNonPublicIpv4(v4)) return true;
  }
  return host.split(".").some((label) => {
    const hex = /^(?:.*-)?([0-9a-f]{8})$/.exec(label)?.[1];
    if (!hex) return false;
    const n = parseInt(hex, 16);
    return isNonPublicIpv4([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  });
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The URL's host in the form checks compare: lower case, without a trailing dot. */
export function targetHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, "");
}

/** True when the host is an IP literal (no DNS lookup is needed to know where it goes). */
export function isIpLiteral(host: string): boolean {
  return parseIpv4(host) !== null || host.startsWith("[");
}

/**
 * Why a webhook target is refused (SSRF), or null when it may be called: https only (http on
 * loopback in development), no credentials in the URL, and in production no private, loopback,
 * link-local or metadata address, whether written as an IP literal in any encoding (the URL
 * parser turns decimal, octal and hex IPv4 into dotted form, and IPv4-mapped IPv6 into hex) or
 * as a name that is known to resolve to one. Names are resolved separately (`checkTarget`).
 */
export function webhookUrlProblem(value: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password) return "must not carry credentials";
  const host = targetHost(url);
  if (policy === "development" && isLoopback(host)) {
    return url.protocol === "http:" || url.protocol === "https:" ? null : "must use http(s)";
  }
  if (url.protocol !== "https:") return "must use https";
  if (BLOCKED_HOSTS.test(host)) return "must be a public host";
  const v4 = parseIpv4(host);
  const v6 = host.startsWith("[") ? parseIpv6(host) : null;
  if ((v4 && isNonPublicIpv4(v4)) || (v6 && isNonPublicIpv6(v6))) {
    return "must not point to a private, loopback or link-local address";
  }
  if (!isIpLiteral(host) && (isRebindingDomain(host) || embedsPrivateIpv4(host))) {
    return "must not use a name that resolves to a private address (wildcard or rebinding DNS)";
  }
  return null;
}
