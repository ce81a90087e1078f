import type { DnsResolver } from "@authpi/domain/domains";
import type { Env } from "./env.ts";

const DEFAULT_DOH_URL = "https://cloudflare-dns.com/dns-query";

/** The DoH resolver from configuration: `DOH_RESOLVER_URL`, through `DNS_RESOLVER` when bound. */
export function dnsResolver(env: Env): DnsResolver {
  const binding = env.DNS_RESOLVER;
  return {
    url: env.DOH_RESOLVER_URL || DEFAULT_DOH_URL,
    fetch: binding ? (request) => binding.fetch(request) : (request) => fetch(request),
  };
}
