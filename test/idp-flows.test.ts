import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { HttpBrowser } from "./support/http-browser.ts";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

let system: SeededSystem;
let issuer: string;

beforeAll(async () => {
  system = await startSeededSystem();
  issuer = `${system.idpUrl}/${system.seed.issuer_id}`;
});
afterAll(async () => {
  await system?.stop();
});

/** openid-client by discovery; http is allowed because the local stack has no TLS. */
function discover(id: string, secret: string | null) {
  return client.discovery(
    new URL(issuer),
    id,
    secret ? { client_secret: secret } : undefined,
    secret ? client.ClientSecretPost(secret) : client.None(),
    { execute: [client.allowInsecureRequests] },
  );
}

async function login(kind: "web" | "spa", browser = new HttpBrowser()) {
  const registered = system.seed.clients[kind];
  const config = await discover(registered.client_id, registered.client_secret);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: registered.redirect_uris[0] as string,
    scope: "openid profile email",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const callback = await browser.login(
    url.href,
    system.seed.user.username,
    system.seed.user.password,
  );
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  return { config, tokens, browser };
}

describe("the IdP API over HTTP with openid-client and the seeded demo", () => {
  it("logs the demo user in (web client), reads userinfo, refreshes and logs out", async () => {
    const { config, tokens, browser } = await login("web");
    expect(tokens.claims()?.email).toBe(system.seed.user.username);
    const info = await client.fetchUserInfo(config, tokens.access_token, system.seed.user.id);
    expect(info.sub).toBe(system.seed.user.id);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(refreshed.id_token).toBeTruthy();
    const logoutUrl = client.buildEndSessionUrl(config, {
      id_token_hint: refreshed.id_token as string,
      post_logout_redirect_uri: system.seed.clients.web.post_logout_redirect_uris[0] as string,
      state: "done",
    });
    const response = await browser.fetch(logoutUrl.href);
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get("location") as string);
    expect(back.origin + back.pathname).toBe("http://localhost:3000/");
    expect(back.searchParams.get("state")).toBe("done");
    await expect(
      client.refreshTokenGrant(config, refreshed.refresh_token as string),
    ).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("logs in with the public SPA client and PKCE", async () => {
    const { tokens } = await login("spa");
    expect(tokens.claims()?.aud).toBe(system.seed.clients.spa.client_id);
  });

  it("issues client_credentials tokens to the demo service", async () => {
    const m2m = system.seed.clients.m2m;
    const config = await discover(m2m.client_id, m2m.client_secret);
    const tokens = await client.clientCredentialsGrant(config, { scope: "api:read" });
    expect(tokens.scope).toBe("api:read");
    const active = await client.tokenIntrospection(config, tokens.access_token);
    expect(active).toMatchObject({ active: true, sub: m2m.client_id });
  });

  it("records the login as events that reach the dispatcher", async () => {
    await login("web");
    const db = await system.d1();
    await vi.waitFor(
      async () => {
        await system.runScheduled("authpi-idp-api");
        const rows = await db
          .prepare(
            "SELECT type, dispatched_at FROM events WHERE source = 'idp-api' AND type = 'session.created'",
          )
          .all<{ type: string; dispatched_at: number | null }>();
        expect(rows.results.length).toBeGreaterThan(0);
        expect(rows.results.every((row) => row.dispatched_at !== null)).toBe(true);
      },
      { timeout: 20_000, interval: 500 },
    );
  });

  it("a session revoked through the Core API ends the app's tokens", async () => {
    const { config, tokens } = await login("web");
    const userId = system.seed.user.id;
    const issuerPath = `/issuers/${system.seed.issuer_id}`;
    const sessions = await coreApi<{ id: string; type: string; status: string }[]>(
      system,
      "GET",
      `${issuerPath}/users/${userId}/sessions?status=active`,
    );
    const sid = tokens.claims()?.sid as string;
    const rp = sessions.find((s) => s.id === sid);
    expect(rp?.type).toBe("rp");
    const op = sessions.find((s) => s.type === "op");
    const revoked = await coreApi<{ status: string }>(
      system,
      "POST",
      `${issuerPath}/sessions/${op?.id}/revoke`,
      { reason: "lost device" },
    );
    expect(revoked.status).toBe("revoked");
    await expect(
      client.refreshTokenGrant(config, tokens.refresh_token as string),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspected.active).toBe(false);
  });
});
