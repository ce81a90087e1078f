import { CreateClientInput, createClient } from "@authpi/domain/clients";
import { updateIssuer } from "@authpi/domain/issuers";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { type DpopKey, dpopProof, type ProofOptions } from "./dpop-proof.ts";
import { issuerUrl, type Seeded } from "./login-flow.ts";
import { obtainCode } from "./raw-flow.ts";

type Basic = { id: string; secret: string | null };

/** A token request with the given DPoP header value(s) (none: no header). */
export function tokenPost(
  seeded: Seeded,
  body: Record<string, string>,
  basic: Basic,
  dpop: string | string[] | null,
): Promise<Response> {
  const headers = new Headers({ "content-type": "application/x-www-form-urlencoded" });
  if (basic.secret) headers.set("authorization", `Basic ${btoa(`${basic.id}:${basic.secret}`)}`);
  else body.client_id = basic.id;
  for (const value of typeof dpop === "string" ? [dpop] : (dpop ?? [])) {
    headers.append("dpop", value);
  }
  return workerFetch(`/${seeded.issuer.id}/token`, {
    method: "POST",
    headers,
    body: new URLSearchParams(body),
  });
}

/** A proof for this issuer's token endpoint. */
export function tokenProof(seeded: Seeded, key: DpopKey, options: Partial<ProofOptions> = {}) {
  return dpopProof(key, { htu: `${issuerUrl(seeded)}/token`, ...options });
}

/** A proof for this issuer's UserInfo, bound to `accessToken` by `ath`. */
export function userinfoProof(
  seeded: Seeded,
  key: DpopKey,
  accessToken: string,
  options: Partial<ProofOptions> = {},
) {
  return dpopProof(key, {
    htm: "GET",
    htu: `${issuerUrl(seeded)}/userinfo`,
    accessToken,
    ...options,
  });
}

export function userinfo(seeded: Seeded, authorization: string, dpop?: string) {
  return workerFetch(`/${seeded.issuer.id}/userinfo`, {
    headers: { authorization, ...(dpop ? { dpop } : {}) },
  });
}

/** An m2m client of the seeded issuer (client_credentials). */
export async function m2mClient(seeded: Seeded, settings: Record<string, unknown> = {}) {
  const created = await createClient(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    CreateClientInput.parse({
      name: "m2m",
      type: "m2m",
      settings: { scopes: ["tickets:read"], ...settings },
    }),
  );
  return { id: created.client.id, secret: created.secret };
}

/** Turns on the issuer's DPoP nonce requirement (before its first request is served). */
export async function requireDpopNonce(seeded: Seeded): Promise<void> {
  const updated = await updateIssuer(seeded.db, seeded.ctx, seeded.issuer.id, {
    settings: { access: { dpop: { require_nonce: true } } },
  });
  seeded.issuer.settings = updated.settings;
}

/** Redeems a code of the SPA (public client) with the given proof. */
export function redeem(
  seeded: Seeded,
  got: Awaited<ReturnType<typeof obtainCode>>,
  proof: string | null,
) {
  return tokenPost(
    seeded,
    {
      grant_type: "authorization_code",
      code: got.code,
      redirect_uri: got.redirectUri,
      code_verifier: got.verifier,
    },
    { id: seeded.spa.client.id, secret: null },
    proof,
  );
}

/** Signs in as the SPA and redeems the code with a proof of `key` (or the proof given). */
export async function spaTokens(
  seeded: Seeded,
  key: DpopKey,
  extra: [string, string][] = [],
  proof?: string,
) {
  const got = await obtainCode(seeded, {
    kind: "spa",
    scope: "openid email offline_access",
    extra,
  });
  const response = await redeem(seeded, got, proof ?? (await tokenProof(seeded, key)));
  return { response, got };
}
