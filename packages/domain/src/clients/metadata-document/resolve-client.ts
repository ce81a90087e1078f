import type { ClientRow } from "../client-wire.ts";
import type { ClientLookup } from "../find-client.ts";
import {
  clientIdUrlProblem,
  hostAllowed,
  isUrlClientId,
  type MetadataUrlPolicy,
} from "./client-id-url.ts";
import type { DocumentCache } from "./document-cache.ts";
import { type Fetcher, fetchMetadataDocument } from "./fetch-document.ts";
import { ClientMetadataDocument, documentProblem } from "./metadata-document.ts";
import { type ResolvingIssuer, virtualClient } from "./virtual-client.ts";

/** The issuer's switch (`settings.access.client_id_metadata_documents`). */
export interface MetadataDocumentSettings {
  enabled: boolean;
  allowed_hosts?: string[] | undefined;
}

export interface MetadataDocumentDeps {
  issuer: ResolvingIssuer;
  settings: MetadataDocumentSettings | undefined;
  policy: MetadataUrlPolicy;
  fetcher: Fetcher;
  cache: DocumentCache;
  now: number;
  timeoutMs?: number;
  /** Told why a URL client id was refused (logs; never shown to the client). */
  onRefused?: (clientId: string, problem: string) => void;
}

export type ResolvedMetadataClient =
  | { ok: true; client: ClientRow }
  | { ok: false; problem: string };

/**
 * Resolves a URL client id through its metadata document
 * (draft-ietf-oauth-client-id-metadata-document §4): the URL's shape, the issuer's host list,
 * then the cached or fetched document, whose `client_id` must equal the URL exactly.
 */
export async function resolveMetadataClient(
  deps: MetadataDocumentDeps,
  clientId: string,
): Promise<ResolvedMetadataClient> {
  if (!deps.settings?.enabled) return { ok: false, problem: "not enabled for this issuer" };
  const urlProblem = clientIdUrlProblem(clientId, deps.policy);
  if (urlProblem) return { ok: false, problem: `client_id ${urlProblem}` };
  if (!hostAllowed(clientId, deps.settings.allowed_hosts)) {
    return { ok: false, problem: "the client_id host is not allowed by this issuer" };
  }
  const loaded = await deps.cache.get(clientId, deps.now, async () => {
    const fetched = await fetchMetadataDocument(deps.fetcher, clientId, deps.timeoutMs);
    if (!fetched.ok) return fetched;
    const parsed = ClientMetadataDocument.safeParse(fetched.body);
    if (!parsed.success) return { ok: false, problem: documentProblem(parsed.error) };
    // §4: simple string comparison with the URL the document was fetched from.
    if (parsed.data.client_id !== clientId) {
      return { ok: false, problem: "the document's client_id does not match its URL" };
    }
    return { ok: true, document: parsed.data, maxAgeSeconds: fetched.maxAgeSeconds };
  });
  if (!loaded.ok) return loaded;
  return virtualClient(deps.issuer, loaded.document);
}

/**
 * A client lookup that resolves URL client ids through their metadata documents and every
 * other id through `lookup`. A refused document is an unknown client (undefined).
 */
export function withMetadataDocuments(
  lookup: ClientLookup,
  deps: MetadataDocumentDeps,
): ClientLookup {
  return async (clientId, fresh) => {
    if (!isUrlClientId(clientId)) return lookup(clientId, fresh);
    const resolved = await resolveMetadataClient(deps, clientId);
    if (resolved.ok) return resolved.client;
    deps.onRefused?.(clientId, resolved.problem);
    return undefined;
  };
}
