import {
  type ClientLookup,
  DocumentCache,
  type MetadataUrlPolicy,
  withMetadataDocuments,
} from "@authpi/domain/clients";
import { type IssuerRow, issuerSettings } from "@authpi/domain/issuers";
import type { Env } from "./env.ts";

/** Client metadata documents fetched by this isolate, each kept for its clamped max-age. */
export const metadataDocumentCache = new DocumentCache();

/**
 * `lookup` extended with URL client ids resolved through their metadata documents when the
 * issuer turned them on (docs/client-id-metadata.md); the fetch leaves through `fetch`.
 */
export function withMetadataClients(
  lookup: ClientLookup,
  env: Pick<Env, "CLIENT_METADATA_URL_POLICY">,
  issuer: IssuerRow,
  now: number,
): ClientLookup {
  return withMetadataDocuments(lookup, {
    issuer,
    settings: issuerSettings(issuer.settings).access.client_id_metadata_documents,
    policy: (env.CLIENT_METADATA_URL_POLICY === "development"
      ? "development"
      : "production") satisfies MetadataUrlPolicy,
    fetcher: (input, init) => fetch(input, init),
    cache: metadataDocumentCache,
    now,
    onRefused: (clientId, problem) =>
      console.warn(
        JSON.stringify({ event: "client_metadata_refused", client_id: clientId, problem }),
      ),
  });
}

/** draft-ietf-oauth-client-id-metadata-document §5: advertised only when the issuer turned it on. */
export function clientIdMetadataDiscovery(settings: unknown) {
  const enabled = issuerSettings(settings).access.client_id_metadata_documents?.enabled === true;
  return enabled ? { client_id_metadata_document_supported: true as const } : {};
}
