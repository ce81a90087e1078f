import { DomainError } from "../errors.ts";

/** Where TXT lookups go: a DNS-over-HTTPS JSON endpoint and the fetch that reaches it. */
export interface DnsResolver {
  url: string;
  fetch: (request: Request) => Promise<Response>;
}

interface DnsJsonAnswer {
  type?: number;
  data?: string;
}

const TXT = 16;
const NXDOMAIN = 3;

/** TXT data as the JSON API shows it (`"part one" "part two"`) joined into one string. */
function unquote(data: string): string {
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? "");
  return parts.length ? parts.join("").replace(/\\(.)/g, "$1") : data;
}

function unavailable(detail: string): DomainError {
  return new DomainError("DNS_UNAVAILABLE", `The DNS resolver could not answer: ${detail}`, {
    retryAfter: 30,
  });
}

/**
 * The TXT records of `name`, asked of a DNS-over-HTTPS resolver in its JSON format
 * (`application/dns-json`); Workers have no DNS socket API. A name with no records is `[]`.
 */
export async function lookupTxt(resolver: DnsResolver, name: string): Promise<string[]> {
  const url = new URL(resolver.url);
  url.searchParams.set("name", name);
  url.searchParams.set("type", "TXT");
  let response: Response;
  try {
    response = await resolver.fetch(
      new Request(url, {
        headers: { accept: "application/dns-json" },
        signal: AbortSignal.timeout(5000),
      }),
    );
  } catch (error) {
    throw unavailable((error as Error).message);
  }
  if (!response.ok) throw unavailable(`HTTP ${response.status}`);
  const body = (await response.json().catch(() => null)) as {
    Status?: number;
    Answer?: DnsJsonAnswer[];
  } | null;
  if (!body || typeof body.Status !== "number") throw unavailable("not a DNS JSON answer");
  if (body.Status === NXDOMAIN) return [];
  if (body.Status !== 0) throw unavailable(`DNS status ${body.Status}`);
  return (body.Answer ?? [])
    .filter((answer) => answer.type === TXT && typeof answer.data === "string")
    .map((answer) => unquote(answer.data as string));
}
