import { env } from "cloudflare:workers";
import { users } from "@authpi/domain/db";
import { writingUserClaims } from "@authpi/domain/tokens";
import { seedIssuer } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { TestBrowser } from "./support/browser.ts";
import { loginWithCode } from "./support/login-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

function authorizePath(seeded: Seeded) {
  const params = new URLSearchParams({
    client_id: seeded.web.client.id,
    redirect_uri: "https://app.example.com/callback",
    response_type: "code",
    scope: "openid",
    state: "xyz",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  return `/${seeded.issuer.id}/authorize?${params}`;
}

async function signIn(seeded: Seeded) {
  const browser = new TestBrowser();
  const page = await (await browser.fetch(authorizePath(seeded))).text();
  return browser.submitLogin(seeded.issuer.id, page, "alice@example.com", seeded.password);
}

// Hundreds of rows take seconds on a loaded machine; the limit only guards against a hang.
describe("who may sign in, by user status", { timeout: 60_000 }, () => {
  it("lets only an active user sign in; the others get the same answer as a wrong password", async () => {
    for (const status of ["active", "suspended", "disabled", "deleted"]) {
      const seeded = await seedIssuer(DB);
      await seeded.db.update(users).set({ status }).where(eq(users.id, seeded.user.id));
      const response = await signIn(seeded);
      if (status === "active") {
        expect(response.status).toBe(303);
        continue;
      }
      expect(response.status, status).toBe(401);
      expect(await response.text()).toContain("Incorrect username or password");
    }
  });

  it("stops refresh for a user who left active, even with a live session", async () => {
    for (const status of ["suspended", "disabled", "deleted"]) {
      const seeded = await seedIssuer(DB);
      const { config, tokens } = await loginWithCode(seeded);
      // A writer that leaves the session alone but follows the claims write protocol.
      const store = issuerStore(env as unknown as Env, seeded.issuer.id);
      await writingUserClaims(store, [seeded.user.id], Date.now(), () =>
        seeded.db.update(users).set({ status }).where(eq(users.id, seeded.user.id)),
      );
      await expect(
        client.refreshTokenGrant(config, tokens.refresh_token as string),
      ).rejects.toMatchObject({ error: "invalid_grant" });
    }
  });
});
