import { env } from "cloudflare:workers";
import { createDb } from "@authpi/domain/db";
import { type IssuerStoreRpc, issuerStoreId } from "@authpi/domain/oauth";
import { loadKeyRing } from "@authpi/domain/signing-keys";
import { checkPersonalToken } from "@authpi/domain/tokens";
import { seedIssuer } from "@authpi/testkit/factories";
import { TEST_SECRETS } from "@authpi/testkit/test-secrets";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { setup, type Token } from "./support/personal-tokens.ts";

const bindings = env as unknown as Env;

function store(issuerId: string): IssuerStoreRpc {
  const ns = bindings.ISSUER_STORE;
  return ns.get(issuerStoreId(ns, issuerId));
}

describe("personal tokens: who can reach them and what they are worth", () => {
  it("keeps another account's tokens out of reach, forged ids included", async () => {
    const { s, create } = await setup();
    const token = await dataOf<Token>(await create({ name: "mine" }));
    const other = await seedIssuer(bindings.DB);
    const theirPath = `/v1/accounts/${other.accountId}/tokens/${token.id}`;
    expect((await apiCall("GET", theirPath, other.basicAuth)).status).toBe(404);
    expect((await apiCall("POST", `${theirPath}/revoke`, other.basicAuth)).status).toBe(404);
    expect((await apiCall("DELETE", theirPath, other.basicAuth)).status).toBe(404);
    const foreignUser = `/v1/accounts/${other.accountId}/issuers/${other.issuer.id}/users/${s.user.id}/tokens`;
    expect((await apiCall("GET", foreignUser, other.basicAuth)).status).toBe(404);

    const mine = `/v1/accounts/${s.accountId}/tokens`;
    const forged = `${token.id.slice(0, 29)}${"0".repeat(25)}`;
    for (const id of [forged, "tok_short", `tok_${other.issuer.id.slice(2)}${"0".repeat(25)}`]) {
      const response = await apiCall("GET", `${mine}/${id}`, s.basicAuth);
      expect(response.status, id).toBe(404);
      expect(await response.json()).toMatchObject({
        error_description: "Personal token not found",
      });
    }
    expect((await apiCall("GET", `${mine}/${token.id}`, s.basicAuth)).status).toBe(200);
  });

  it("is worth nothing altered, at another issuer, for a blocked user or past its expiry", async () => {
    const { s, issuerPath, create, introspect } = await setup();
    const token = await dataOf<Token>(await create({ name: "worth" }));
    const plain = token.token_plain as string;
    const [header, payload, signature] = plain.slice(4).split(".") as [string, string, string];
    const widened = btoa(
      JSON.stringify({
        ...JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))),
        scope: "*:**",
      }),
    )
      .replace(/=+$/, "")
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
    expect(await introspect(`ptk_${header}.${widened}.${signature}`)).toEqual({
      active: false,
      reason: "invalid",
    });
    // The bare JWT is not a personal token, nor an access token of ours.
    expect((await introspect(plain.slice(4))).active).toBe(false);

    const second = await dataOf<{ id: string }>(
      await apiCall("POST", `/v1/accounts/${s.accountId}/issuers`, s.basicAuth, { name: "two" }),
    );
    const elsewhere = await apiCall(
      "POST",
      `/v1/accounts/${s.accountId}/issuers/${second.id}/tokens/introspect`,
      s.basicAuth,
      { token: plain },
    );
    expect(await dataOf(elsewhere)).toEqual({ active: false, reason: "invalid" });

    const ring = await loadKeyRing(createDb(bindings.DB), {
      now: Date.now(),
      secret: TEST_SECRETS.KEY_ENCRYPTION_SECRET,
    });
    const check = (now: number) =>
      checkPersonalToken(
        { ring, store: store(s.issuer.id), issuerUrl: `http://localhost:8787/${s.issuer.id}`, now },
        plain,
      );
    expect((await check(token.expires_at - 1)).status).toBe("active");
    expect((await check(token.expires_at)).status).toBe("expired");

    await apiCall("PATCH", `${issuerPath}/users/${s.user.id}`, s.basicAuth, { status: "blocked" });
    expect(await introspect(plain)).toEqual({ active: false, reason: "user_inactive" });
    expect((await create({ name: "while blocked" })).status).toBe(409);
  });
});
