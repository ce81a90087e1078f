import { isNonPublicAddress } from "./ip-ranges.ts";
import { isIpLiteral, targetHost, type UrlPolicy, webhookUrlProblem } from "./url-policy.ts";

/** DNS record types in a DoH JSON answer (RFC 1035 §3.2.2, RFC 3596). */
const A = 1;
const AAAA = 28;

interface DohAnswer {
  Status?: number;
  Answer?: { type: number; data: string }[];
}

export interface TargetCheck {
  policy: UrlPolicy;
  /** A DNS-over-HTTPS JSON endpoint (Cloudflare's or Google's); null skips resolution. */
  dohUrl: string | null;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** Refused: never call this target. Unresolved: DNS did not answer; try again later. */
export type TargetVerdict =
  | { ok: true }
  | { ok: false; refused: string }
  | { ok: false; unresolved: string };

async function lookup(check: TargetCheck, dohUrl: string, host: string, type: number) {
  const url = new URL(dohUrl);
  url.searchParams.set("name", host);
  url.searchParams.set("type", type === A ? "A" : "AAAA");
  // Called unbound: Workers' fetch throws "Illegal invocation" when called as a method.
  const fetcher = check.fetch;
  const response = await fetcher(url, {
    headers: { accept: "application/dns-json" },
    redirect: "manual",
    signal: AbortSignal.timeout(check.timeoutMs),
  });
  if (!response.ok) throw new Error(`DoH answered HTTP ${response.status}`);
  const answer = (await response.json()) as DohAnswer;
  // NXDOMAIN (3) and an empty answer both mean no address: fetch would fail the same way.
  if (answer.Status !== 0 && answer.Status !== 3) throw new Error(`DNS rcode ${answer.Status}`);
  return (answer.Answer ?? []).filter((r) => r.type === type).map((r) => r.data.trim());
}

/**
 * The URL policy, then (when a DoH endpoint is configured) the target's A and AAAA records:
 * any non-public answer refuses it. Workers cannot pin the address `fetch` then connects to,
 * so a name that changes its answer between this lookup and the request can still slip
 * through; the lookup closes the common case (a name that simply points inward), and the
 * static list closes the well-known rebinding names (docs/decisions/webhooks.md).
 */
export async function checkTarget(value: string, check: TargetCheck): Promise<TargetVerdict> {
  const problem = webhookUrlProblem(value, check.policy);
  if (problem) return { ok: false, refused: problem };
  const host = targetHost(new URL(value));
  if (!check.dohUrl || isIpLiteral(host) || host === "localhost") return { ok: true };
  let addresses: string[];
  try {
    const [v4, v6] = await Promise.all([
      lookup(check, check.dohUrl, host, A),
      lookup(check, check.dohUrl, host, AAAA),
    ]);
    addresses = [...v4, ...v6];
  } catch (error) {
    return { ok: false, unresolved: `dns lookup failed: ${(error as Error).message}` };
  }
  if (addresses.length === 0) return { ok: false, unresolved: `dns: ${host} has no address` };
  const inward = addresses.find((address) => isNonPublicAddress(address));
  return inward
    ? { ok: false, refused: `resolves to a private, loopback or link-local address (${inward})` }
    : { ok: true };
}
