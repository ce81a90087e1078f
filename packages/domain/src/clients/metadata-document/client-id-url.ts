/**
 * Which URLs may be fetched as client metadata documents: `production` only public https
 * names on the default port; `development` also plain http to a loopback host on any port (a
 * document served from your machine under `pnpm dev`, docs/client-id-metadata.md).
 */
export type MetadataUrlPolicy = "production" | "development";

/** Longest URL client id accepted: it is a key of consent rows, sessions and token claims. */
export const MAX_CLIENT_ID_URL_LENGTH = 512;

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|home\.arpa)$/;
const IPV4_LITERAL = /^[0-9.]+$/;

/** True when a client id is meant as a URL (and so never a stored client's id). */
export function isUrlClientId(clientId: string): boolean {
  return clientId.startsWith("https://") || clientId.startsWith("http://");
}

/**
 * Why `clientId` cannot be a client metadata document URL, or null when it can
 * (draft-ietf-oauth-client-id-metadata-document §3): https with a path, no fragment, no
 * credentials, no dot segments. The URL must be in its canonical form, so that the document's
 * `client_id` is compared with exactly the string the client sent.
 */
export function clientIdUrlProblem(clientId: string, policy: MetadataUrlPolicy): string | null {
  if (clientId.length > MAX_CLIENT_ID_URL_LENGTH) {
    return `must be at most ${MAX_CLIENT_ID_URL_LENGTH} characters`;
  }
  const url = URL.parse(clientId);
  if (!url) return "must be an absolute URL";
  if (clientId.includes("#")) return "must not contain a fragment";
  if (url.username || url.password) return "must not contain credentials";
  if (url.href !== clientId) return "must be in canonical form (no dot segments, lower-case host)";
  if (url.pathname === "/") return "must contain a path";
  const loopback = LOOPBACK.has(url.hostname);
  if (policy === "development" && loopback) return null;
  if (url.protocol !== "https:") return "must use https";
  if (url.hostname.startsWith("[") || IPV4_LITERAL.test(url.hostname)) {
    return "must name a host, not an IP address";
  }
  if (loopback || LOCAL_NAMES.test(url.hostname)) return "must name a public host";
  if (url.port !== "") return "must use the default https port";
  return null;
}

/** Whether the URL's host is on the issuer's list (`*.example.com` covers subdomains). */
export function hostAllowed(
  clientId: string,
  allowedHosts: readonly string[] | undefined,
): boolean {
  if (!allowedHosts || allowedHosts.length === 0) return true;
  const host = new URL(clientId).hostname;
  return allowedHosts.some((entry) =>
    entry.startsWith("*.") ? host.endsWith(entry.slice(1)) : host === entry,
  );
}
