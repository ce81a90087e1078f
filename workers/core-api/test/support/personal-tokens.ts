import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";

const DB = (env as unknown as { DB: D1Database }).DB;

export type Token = {
  id: string;
  user_id: string;
  issuer_id: string;
  status: string;
  status_reason: string | null;
  scopes: string[];
  jti: string;
  expires_at: number;
  token_plain?: string;
};

/** An issuer with a user, and calls to mint and introspect that user's personal tokens. */
export async function setup() {
  const s = await seedIssuer(DB);
  const issuerPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
  const userTokens = `${issuerPath}/users/${s.user.id}/tokens`;
  const create = (body: Record<string, unknown>) =>
    apiCall("POST", userTokens, s.basicAuth, { restrictions: { scopes: ["openid"] }, ...body });
  const introspect = async (token: string) =>
    dataOf<Record<string, unknown>>(
      await apiCall("POST", `${issuerPath}/tokens/introspect`, s.basicAuth, { token }),
    );
  return { s, issuerPath, userTokens, create, introspect };
}

/** The header and payload of a JWT, unverified (what a test needs to look at). */
export function decodeParts(jwt: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const part = (i: number) =>
    JSON.parse(atob((jwt.split(".")[i] as string).replace(/-/g, "+").replace(/_/g, "/")));
  return { header: part(0), payload: part(1) };
}
