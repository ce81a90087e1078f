import { updateIssuer } from "@authpi/domain/issuers";
import { createRegistrationToken } from "@authpi/domain/registration";
import type { RegistrationSettings } from "@authpi/domain/values";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import type { Seeded } from "./login-flow.ts";

/** Turns on dynamic client registration for the seeded issuer (RFC 7591). */
export async function enableRegistration(
  seeded: Seeded,
  registration: RegistrationSettings,
): Promise<void> {
  const updated = await updateIssuer(seeded.db, seeded.ctx, seeded.issuer.id, {
    settings: { access: { registration } },
  });
  seeded.issuer.settings = updated.settings;
}

/** An initial access token for the seeded issuer, as the Core API mints one. */
export async function initialAccessToken(
  seeded: Seeded,
  options: { max_uses?: number; expires_in?: number } = {},
  now = Date.now(),
): Promise<string> {
  const scope = { accountId: seeded.accountId, issuerId: seeded.issuer.id, now };
  return (await createRegistrationToken(seeded.db, scope, options)).plain;
}

/** POSTs client metadata to `/{issuer_id}/register`. */
export function register(
  seeded: Seeded,
  metadata: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return workerFetch(`/${seeded.issuer.id}/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(metadata),
  });
}

/** Metadata an MCP client sends (RFC 7591 §2 names only), a public native app on loopback. */
export const MCP_METADATA = {
  client_name: "Example MCP client",
  redirect_uris: ["http://127.0.0.1:33418/callback"],
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  token_endpoint_auth_method: "none",
  software_id: "example-mcp",
  software_version: "1.2.3",
};
