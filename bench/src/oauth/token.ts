import { expectOk } from "./unavailable.ts";

export interface ClientCredentials {
  client_id: string;
  client_secret: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

/** HTTP Basic client authentication, each part form-encoded first (RFC 6749 §2.3.1). */
export function basicAuth(client: ClientCredentials): string {
  const encode = (part: string) => encodeURIComponent(part).replace(/%20/g, "+");
  const pair = `${encode(client.client_id)}:${encode(client.client_secret)}`;
  return `Basic ${Buffer.from(pair).toString("base64")}`;
}

export function formHeaders(client: ClientCredentials): Record<string, string> {
  return {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
    authorization: basicAuth(client),
  };
}

/** A token request (RFC 6749 §3.2) with client_secret_basic; fails unless it returns a token. */
export async function tokenRequest(
  tokenEndpoint: string,
  client: ClientCredentials,
  params: Record<string, string>,
): Promise<TokenResponse> {
  const response = await fetch(tokenEndpoint, {
    method: "POST",
    headers: formHeaders(client),
    body: new URLSearchParams(params).toString(),
  });
  await expectOk(`POST token (${params.grant_type})`, response);
  const body = (await response.json()) as TokenResponse;
  if (!body.access_token)
    throw new Error(`token response without access_token: ${JSON.stringify(body)}`);
  return body;
}
