import { isLoopbackUrl, redirectUriProblem } from "../../oauth/redirect-uri.ts";
import { ClientSettings } from "../../values/client-settings.ts";
import type { ClientRow } from "../client-wire.ts";
import { unstoredClient } from "../unstored-client.ts";
import type { ClientMetadataDocument } from "./metadata-document.ts";

/** Where a metadata-document client belongs: the issuer that resolved it. */
export interface ResolvingIssuer {
  id: string;
  accountId: string;
}

/** Native when a redirect URI is a loopback or private-use scheme (RFC 8252 §7); else a SPA. */
function clientTypeOf(redirectUris: readonly string[]): "spa" | "native" {
  const native = redirectUris.some((uri) => {
    const url = URL.parse(uri);
    return url !== null && (isLoopbackUrl(url) || !/^https?:$/.test(url.protocol));
  });
  return native ? "native" : "spa";
}

/** The host of a URL client id: the one part of its identity that TLS verifies. */
export function metadataClientHost(clientId: string): string {
  return new URL(clientId).host;
}

/**
 * The name every page shows: `client_name (host)`, or the host alone. The name is the client's
 * own claim, so the host goes with it wherever it appears (sign-in, consent, device pages).
 */
export function metadataClientName(clientId: string, clientName: string | undefined): string {
  const host = metadataClientHost(clientId);
  return clientName ? `${clientName} (${host})` : host;
}

/**
 * A validated document as a client of this issuer, never stored: public (PKCE required, no
 * secret), third-party (the consent page always asks), code and refresh grants only.
 * Returns a problem instead when a redirect URI breaks the registration rules.
 */
export function virtualClient(
  issuer: ResolvingIssuer,
  doc: ClientMetadataDocument,
): { ok: true; client: ClientRow } | { ok: false; problem: string } {
  const type = clientTypeOf(doc.redirect_uris);
  for (const uri of [...doc.redirect_uris, ...(doc.post_logout_redirect_uris ?? [])]) {
    const problem = redirectUriProblem(uri, type);
    if (problem) return { ok: false, problem: `redirect URI ${uri} ${problem}` };
  }
  const grants = doc.grant_types ?? ["authorization_code"];
  const parsed = ClientSettings.safeParse({
    redirect_uris: doc.redirect_uris,
    post_logout_redirect_uris: doc.post_logout_redirect_uris ?? [],
    grant_types: grants.includes("refresh_token")
      ? ["authorization_code", "refresh_token"]
      : ["authorization_code"],
    scopes: doc.scope ? [...new Set(doc.scope.split(" ").filter(Boolean))] : [],
    first_party: false,
  });
  if (!parsed.success) return { ok: false, problem: "the document's settings are out of bounds" };
  const settings = parsed.data;
  const client = unstoredClient({
    id: doc.client_id,
    accountId: issuer.accountId,
    issuerId: issuer.id,
    type,
    name: metadataClientName(doc.client_id, doc.client_name),
    // Not shown: an image from an unverified host on the consent page could impersonate.
    logoUrl: null,
    settings,
  });
  return { ok: true, client };
}
