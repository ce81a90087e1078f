/**
 * Redirect URI rules. Registration: absolute, no fragment (RFC 6749 §3.1.2), https unless
 * loopback or a private-use scheme for native apps (RFC 8252 §7). Matching: exact string
 * comparison (RFC 9700 §4.1.3), except that a native client's loopback URI may use any port
 * (RFC 8252 §7.3).
 */
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

export function isLoopbackUrl(url: URL): boolean {
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

/** Returns a reason the URI cannot be registered, or null when it can. */
export function redirectUriProblem(value: string, clientType: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URI";
  }
  if (value.includes("#")) return "must not contain a fragment";
  if (url.username || url.password) return "must not contain credentials";
  if (url.protocol === "https:") return null;
  if (isLoopbackUrl(url)) return null;
  if (clientType === "native" && /^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/.test(url.protocol))
    return null;
  return "must use https (http is allowed only for loopback addresses)";
}

/** True when `requested` matches one of the registered URIs. */
export function matchesRedirectUri(
  requested: string,
  registered: readonly string[],
  clientType: string,
): boolean {
  if (registered.includes(requested)) return true;
  if (clientType !== "native") return false;
  let url: URL;
  try {
    url = new URL(requested);
  } catch {
    return false;
  }
  if (!isLoopbackUrl(url) || url.hostname === "localhost") return false;
  return registered.some((candidate) => {
    try {
      const reg = new URL(candidate);
      if (!isLoopbackUrl(reg)) return false;
      reg.port = url.port;
      return reg.href === url.href && url.href === requested;
    } catch {
      return false;
    }
  });
}
