import { env } from "cloudflare:workers";
import type { IssuerStoreRpc } from "@authpi/domain/oauth";
import { issuerStoreId } from "@authpi/domain/oauth";
import { loadKeyRing } from "@authpi/domain/signing-keys";
import {
  CreatePersonalTokenInput,
  createPersonalToken,
  revokePersonalToken,
} from "@authpi/domain/tokens";
import { seedIssuer } from "@authpi/testkit/factories";
import { TEST_SECRETS } from "@authpi/testkit/test-secrets";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";

const bindings = env as unknown as Env;

async function minted(scopes: string[]) {
  const seeded = await seedIssuer(bindings.DB);
  const store: IssuerStoreRpc = bindings.ISSUER_STORE.get(
    issuerStoreId(bindings.ISSUER_STORE, seeded.issuer.id),
  );
  const deps = { db: seeded.db, store, issuerId: seeded.issuer.id, ctx: seeded.ctx };
  const ring = await loadKeyRing(seeded.db, {
    now: Date.now(),
    secret: TEST_SECRETS.KEY_ENCRYPTION_SECRET,
  });
  const { token, plain } = await createPersonalToken(
    { ...deps, ring, issuerUrl: `${bindings.IDP_BASE_URL}/${seeded.issuer.id}` },
    seeded.user.id,
    CreatePersonalTokenInput.parse({ name: "script", restrictions: { scopes } }),
  );
  const userinfo = (bearer: string, issuerId = seeded.issuer.id) =>
    workerFetch(`/${issuerId}/userinfo`, { headers: { authorization: `Bearer ${bearer}` } });
  return { seeded, deps, token, plain, userinfo };
}

function setStatus(userId: string, status: string) {
  return bindings.DB.prepare("UPDATE users SET status = ? WHERE id = ?").bind(status, userId).run();
}

describe("a personal token at /userinfo", () => {
  it("answers for its user with the claims its scopes name", async () => {
    const { seeded, plain, userinfo } = await minted(["email", "projects:read"]);
    const response = await userinfo(plain);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      sub: seeded.user.id,
      email: "alice@example.com",
      email_verified: false,
      organizations: [],
    });
  });

  it("is refused once revoked, altered, at another issuer, or for a blocked user", async () => {
    const { seeded, deps, token, plain, userinfo } = await minted(["email"]);
    const other = await seedIssuer(bindings.DB);
    expect((await userinfo(plain, other.issuer.id)).status).toBe(401);
    const altered = `${plain.slice(0, -4)}AAAA`;
    const refused = await userinfo(altered);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("invalid_token");

    await setStatus(seeded.user.id, "blocked");
    expect((await userinfo(plain)).status).toBe(401);
    await setStatus(seeded.user.id, "active");
    expect((await userinfo(plain)).status).toBe(200);
    await revokePersonalToken(deps, token.id, "done");
    expect((await userinfo(plain)).status).toBe(401);
  });
});
