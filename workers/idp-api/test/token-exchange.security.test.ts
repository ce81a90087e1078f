import { env } from "cloudflare:workers";
import { revokeConsent } from "@authpi/domain/consents";
import { agents, users } from "@authpi/domain/db";
import { signJwt } from "@authpi/domain/tokens";
import { eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { keyRing } from "../src/key-ring.ts";
import { issuerStore } from "../src/store.ts";
import { exchangeAs, seedExchange } from "./support/exchange-flow.ts";
import { postForm } from "./support/raw-flow.ts";

const ENV = env as unknown as Env;

type Setup = Awaited<ReturnType<typeof seedExchange>>;

async function refused(response: Response, error: string, description?: RegExp) {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: string; error_description: string };
  expect(body.error).toBe(error);
  if (description) expect(body.error_description).toMatch(description);
}

/** The user's access token re-signed by the issuer's own key with other times: a real token. */
async function resigned(setup: Setup, times: { exp: number; iat?: number }) {
  const claims = decodeJwt(setup.tokens.access_token);
  const ring = await keyRing(ENV, setup.seeded.issuer.id, Date.now());
  return signJwt(ring, "ES256", { ...claims, ...times }, "at+jwt");
}

describe("token exchange: what an agent may not obtain", () => {
  it("refuses a scope beyond the user's token, or beyond the agent's scopes", async () => {
    const setup = await seedExchange();
    // `phone` is the agent's, not in the user's token.
    await refused(await exchangeAs(setup, { scope: "phone" }), "invalid_scope", /user's token/);
    // `profile` is in the user's token, not the agent's.
    await refused(await exchangeAs(setup, { scope: "profile" }), "invalid_scope", /the agent/);
    await refused(await exchangeAs(setup, { scope: "email profile" }), "invalid_scope");
  });

  it("refuses an agent the user has not allowed, and one whose consent was withdrawn", async () => {
    const none = await seedExchange({ consent: false });
    await refused(await exchangeAs(none), "invalid_grant", /has not allowed this agent/);
    const setup = await seedExchange();
    expect((await exchangeAs(setup)).status).toBe(200);
    const { seeded, agent } = setup;
    const store = issuerStore(ENV, seeded.issuer.id);
    await revokeConsent(seeded.db, seeded.ctx, seeded.issuer.id, seeded.user.id, agent.id, store);
    await refused(await exchangeAs(setup), "invalid_grant", /has not allowed this agent/);
  });

  it("refuses an expired subject token and another issuer's token", async () => {
    const setup = await seedExchange();
    const now = Math.floor(Date.now() / 1000);
    const expired = await resigned(setup, { iat: now - 600, exp: now - 60 });
    await refused(await exchangeAs(setup, { subject_token: expired }), "invalid_grant");
    const other = await seedExchange();
    await refused(
      await exchangeAs(setup, { subject_token: other.tokens.access_token }),
      "invalid_grant",
    );
  });

  it("refuses a refresh token, an ID token and the agent's own token as the subject", async () => {
    const setup = await seedExchange();
    await refused(
      await exchangeAs(setup, { subject_token: setup.tokens.refresh_token as string }),
      "invalid_grant",
    );
    await refused(
      await exchangeAs(setup, { subject_token: setup.tokens.id_token as string }),
      "invalid_grant",
    );
    const own = await postForm(
      `/${setup.seeded.issuer.id}/token`,
      { grant_type: "client_credentials" },
      { id: setup.agent.id, secret: setup.secret },
    );
    const { access_token } = (await own.json()) as { access_token: string };
    await refused(
      await exchangeAs(setup, { subject_token: access_token }),
      "invalid_grant",
      /user's access token/,
    );
    const typed = "urn:ietf:params:oauth:token-type:refresh_token";
    await refused(await exchangeAs(setup, { subject_token_type: typed }), "invalid_request");
    await refused(await exchangeAs(setup, { requested_token_type: typed }), "invalid_request");
    await refused(await exchangeAs(setup, { actor_token: access_token }), "invalid_request");
  });

  it("bounds the exchanged token: at most 5 minutes, never past the subject token", async () => {
    const setup = await seedExchange();
    const now = Math.floor(Date.now() / 1000);
    const short = await resigned(setup, { exp: now + 60 });
    const response = await exchangeAs(setup, { subject_token: short });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    const claims = decodeJwt(body.access_token);
    expect(claims.exp).toBe(now + 60);
    expect(body.expires_in).toBeLessThanOrEqual(60);
    const full = (await (await exchangeAs(setup)).json()) as { access_token: string };
    const bounded = decodeJwt(full.access_token);
    expect((bounded.exp as number) - (bounded.iat as number)).toBeLessThanOrEqual(300);
  });

  it("refuses a revoked subject token, a blocked user and a suspended agent", async () => {
    const setup = await seedExchange();
    const { seeded } = setup;
    const revoked = await postForm(
      `/${seeded.issuer.id}/revoke`,
      { token: setup.tokens.access_token },
      { id: seeded.web.client.id, secret: seeded.web.secret },
    );
    expect(revoked.status).toBe(200);
    await refused(await exchangeAs(setup), "invalid_grant", /invalid, expired or revoked/);

    const blocked = await seedExchange();
    await blocked.seeded.db
      .update(users)
      .set({ status: "blocked" })
      .where(eq(users.id, blocked.seeded.user.id));
    await refused(await exchangeAs(blocked), "invalid_grant", /not active/);

    const suspended = await seedExchange();
    await suspended.seeded.db
      .update(agents)
      .set({ status: "suspended" })
      .where(eq(agents.id, suspended.agent.id));
    const response = await exchangeAs(suspended);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  it("is refused to registered clients: only agents exchange", async () => {
    const setup = await seedExchange();
    const { seeded } = setup;
    const response = await postForm(
      `/${seeded.issuer.id}/token`,
      {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: setup.tokens.access_token,
        subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      },
      { id: seeded.web.client.id, secret: seeded.web.secret },
    );
    await refused(response, "unauthorized_client");
  });
});
