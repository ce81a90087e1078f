import { env } from "cloudflare:workers";
import { revokeConsent } from "@authpi/domain/consents";
import { createDb, events } from "@authpi/domain/db";
import { introspectForIssuer } from "@authpi/domain/tokens";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { keyRing } from "../src/key-ring.ts";
import { issuerStore } from "../src/store.ts";
import { ACCESS_TOKEN, exchangeAs, seedExchange, TOKEN_EXCHANGE } from "./support/exchange-flow.ts";
import { issuerUrl, type Seeded } from "./support/login-flow.ts";
import { discoverAs, insecure } from "./support/par-flow.ts";

const ENV = env as unknown as Env;

async function verify(issuerId: string, token: string) {
  const jwks = (await (await workerFetch(`/${issuerId}/jwks.json`)).json()) as JSONWebKeySet;
  return (await jwtVerify(token, createLocalJWKSet(jwks), { typ: "at+jwt" })).payload;
}

async function coreIntrospect(seeded: Seeded, token: string) {
  const now = Date.now();
  const issuerId = seeded.issuer.id;
  return introspectForIssuer(
    {
      db: createDb(ENV.DB),
      ring: await keyRing(ENV, issuerId, now),
      store: issuerStore(ENV, issuerId),
      issuerId,
      issuerUrl: issuerUrl(seeded),
      now,
    },
    { token },
  );
}

describe("token exchange (RFC 8693) for an agent acting for a user", () => {
  it("issues the user's token acted by the agent, with oauth4webapi's genericTokenEndpointRequest", async () => {
    const setup = await seedExchange();
    const { seeded, agent } = setup;
    const as = await discoverAs(seeded);
    expect(as.grant_types_supported).toContain(TOKEN_EXCHANGE);
    const response = await oauth.genericTokenEndpointRequest(
      as,
      { client_id: agent.id },
      oauth.ClientSecretBasic(setup.secret),
      TOKEN_EXCHANGE,
      {
        subject_token: setup.tokens.access_token,
        subject_token_type: ACCESS_TOKEN,
        requested_token_type: ACCESS_TOKEN,
        scope: "email",
        resource: "https://mail.example.com/",
      },
      insecure,
    );
    const body = await oauth.processGenericTokenEndpointResponse(
      as,
      { client_id: agent.id },
      response,
    );
    expect(body).toMatchObject({
      issued_token_type: ACCESS_TOKEN,
      token_type: "bearer",
      scope: "email",
    });
    expect(body.refresh_token).toBeUndefined();
    expect(body.id_token).toBeUndefined();
    expect(body.expires_in).toBeLessThanOrEqual(300);
    const claims = await verify(seeded.issuer.id, body.access_token);
    const subject = decodeJwt(setup.tokens.access_token);
    expect(claims).toMatchObject({
      sub: seeded.user.id,
      act: { sub: agent.id },
      client_id: agent.id,
      aud: "https://mail.example.com/",
      scope: "email",
      sid: subject.sid,
    });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(300);
    expect(claims.exp as number).toBeLessThanOrEqual(subject.exp as number);

    const introspected = await coreIntrospect(seeded, body.access_token);
    expect(introspected).toMatchObject({
      active: true,
      sub: seeded.user.id,
      client_id: agent.id,
      act: { sub: agent.id },
    });
    const rows = await seeded.db.select().from(events).where(eq(events.subjectId, agent.id));
    const exchanged = rows.find((e) => e.type === "agent.token.exchanged");
    expect(exchanged?.data).toMatchObject({
      agent_id: agent.id,
      user_id: seeded.user.id,
      scope: "email",
      jti: claims.jti,
    });
  });

  it("without scope gets what the user's token, the agent and the consent all allow", async () => {
    const setup = await seedExchange();
    const response = await exchangeAs(setup);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      scope: "email",
      issued_token_type: ACCESS_TOKEN,
    });
  });

  it("nests act when the subject token was itself exchanged (RFC 8693 §4.1)", async () => {
    const setup = await seedExchange();
    const first = (await (await exchangeAs(setup)).json()) as { access_token: string };
    const again = await exchangeAs(setup, { subject_token: first.access_token });
    expect(again.status).toBe(200);
    const { access_token } = (await again.json()) as { access_token: string };
    expect(decodeJwt(access_token).act).toEqual({
      sub: setup.agent.id,
      act: { sub: setup.agent.id },
    });
  });

  it("stops live exchanged tokens at introspection once the consent is withdrawn", async () => {
    const setup = await seedExchange();
    const { seeded, agent } = setup;
    const { access_token } = (await (await exchangeAs(setup)).json()) as { access_token: string };
    expect((await coreIntrospect(seeded, access_token)).active).toBe(true);
    await revokeConsent(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      seeded.user.id,
      agent.id,
      issuerStore(ENV, seeded.issuer.id),
    );
    expect(await coreIntrospect(seeded, access_token)).toEqual({
      active: false,
      reason: "consent_revoked",
    });
    const later = await exchangeAs(setup);
    expect(later.status).toBe(400);
    expect(await later.json()).toMatchObject({
      error: "invalid_grant",
      error_description: "the user has not allowed this agent",
    });
  });
});
