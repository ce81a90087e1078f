import { type DpopKey, sendWithDpop } from "./dpop.ts";
import { IdpError } from "./errors.ts";
import type { TokenSet } from "./types.ts";

interface Credentials {
  clientId: string;
  clientSecret?: string | undefined;
}

/** POSTs a form to a client-authenticated endpoint: Basic for confidential clients (RFC 6749 §2.3.1). */
export async function postForm(
  fetcher: typeof fetch,
  url: string,
  client: Credentials,
  params: [string, string][],
  dpop?: DpopKey,
): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
  };
  const body = new URLSearchParams(params);
  if (client.clientSecret) {
    const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
    headers.authorization = `Basic ${btoa(`${encode(client.clientId)}:${encode(client.clientSecret)}`)}`;
  } else {
    body.set("client_id", client.clientId);
  }
  if (!dpop) return fetcher(url, { method: "POST", headers, body });
  return sendWithDpop(dpop, { htm: "POST", htu: url }, (proof) =>
    fetcher(url, { method: "POST", headers: { ...headers, dpop: proof }, body }),
  );
}

/** Turns an error response into an `IdpError` carrying the OAuth `error` code. */
export async function oauthError(response: Response): Promise<IdpError> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    error_description?: string;
  };
  return new IdpError(
    body.error ?? "server_error",
    body.error_description ?? `HTTP ${response.status}`,
    response.status,
  );
}

/** A token response (RFC 6749 §5.1) as a storable `TokenSet`. */
export async function tokenSet(response: Response, now: number): Promise<TokenSet> {
  if (!response.ok) throw await oauthError(response);
  const body = (await response.json()) as Record<string, unknown>;
  if (typeof body.access_token !== "string")
    throw new IdpError("invalid_response", "no access_token in the token response");
  return {
    access_token: body.access_token,
    token_type: typeof body.token_type === "string" ? body.token_type : "Bearer",
    expires_at:
      Math.floor(now / 1000) + (typeof body.expires_in === "number" ? body.expires_in : 3600),
    refresh_token: typeof body.refresh_token === "string" ? body.refresh_token : undefined,
    id_token: typeof body.id_token === "string" ? body.id_token : undefined,
    scope: typeof body.scope === "string" ? body.scope : undefined,
  };
}
