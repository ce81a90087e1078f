import { updateIssuer } from "@authpi/domain/issuers";
import type { Seeded } from "./login-flow.ts";
import { CONTROL_URL, METADATA_DOMAIN, type ScriptedAnswer } from "./metadata-host.ts";

/** A fresh document URL on the scripted hosts (documents are cached per URL). */
export function documentUrl(host = "app"): string {
  return `https://${host}.${METADATA_DOMAIN}/clients/${crypto.randomUUID()}.json`;
}

/** What a well-formed MCP client publishes: a public client with one https callback. */
export function clientDocument(url: string, extra: Record<string, unknown> = {}) {
  return {
    client_id: url,
    client_name: "Example MCP client",
    redirect_uris: [`https://${new URL(url).host}/callback`],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
    ...extra,
  };
}

/** Makes `answer.url` answer as scripted (a JSON document unless told otherwise). */
export async function serve(answer: ScriptedAnswer): Promise<void> {
  const response = await fetch(CONTROL_URL, { method: "POST", body: JSON.stringify(answer) });
  if (!response.ok) throw new Error(`scripting ${answer.url} failed: ${response.status}`);
}

/** Serves `document` as JSON at `url`. */
export function serveDocument(
  url: string,
  document: unknown,
  headers: Record<string, string> = {},
) {
  return serve({
    url,
    body: JSON.stringify(document),
    headers: { "content-type": "application/json", ...headers },
  });
}

/** How often each document URL was fetched. */
export async function documentHits(url: string): Promise<number> {
  const hits = (await (await fetch(`${CONTROL_URL}/hits`)).json()) as Record<string, number>;
  return hits[url] ?? 0;
}

/** Turns URL client ids on for the seeded issuer, as the Core API would. */
export async function enableMetadataDocuments(
  seeded: Seeded,
  options: { allowed_hosts?: string[] } = {},
): Promise<void> {
  const updated = await updateIssuer(seeded.db, seeded.ctx, seeded.issuer.id, {
    settings: { access: { client_id_metadata_documents: { enabled: true, ...options } } },
  });
  seeded.issuer.settings = updated.settings;
}
