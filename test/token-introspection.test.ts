import * as client from "openid-client";
import { beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { HttpBrowser } from "./support/http-browser.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

let system: SystemEndpoints;
let issuerPath: string;

beforeAll(async () => {
  system = sharedSystem();
  issuerPath = `/issuers/${system.seed.issuer_id}`;
});

function discover(id: string, secret: string) {
  return client.discovery(
    new URL(`${system.idpUrl}/${system.seed.issuer_id}`),
    id,
    { client_secret: secret },
    client.ClientSecretPost(secret),
    { execute: [client.allowInsecureRequests] },
  );
}

const introspect = (token: string) =>
  coreApi<Record<string, unknown>>(system, "POST", `${issuerPath}/tokens/introspect`, { token });

describe("Core API introspection of the tokens the IdP issued (openid-client as the app)", () => {
  it("tells a live access and refresh token from a revoked one", async () => {
    const web = system.seed.clients.web;
    const config = await discover(web.client_id, web.client_secret as string);
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: web.redirect_uris[0] as string,
      scope: "openid email offline_access",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "s",
    });
    const callback = await new HttpBrowser().login(
      url.href,
      system.seed.user.username,
      system.seed.user.password,
    );
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: "s",
    });
    expect(await introspect(tokens.access_token)).toMatchObject({
      active: true,
      token_type: "access_token",
      sub: system.seed.user.id,
      client_id: web.client_id,
    });
    const refresh = tokens.refresh_token as string;
    expect(await introspect(refresh)).toMatchObject({ active: true, token_type: "refresh_token" });
    await client.tokenRevocation(config, refresh);
    expect(await introspect(refresh)).toEqual({ active: false, reason: "invalid" });
    // Revoking the refresh token ended its session, so the access token stops too.
    expect((await introspect(tokens.access_token)).active).toBe(false);
  });

  it("knows client_credentials tokens and stops them when the client is disabled", async () => {
    const m2m = system.seed.clients.m2m;
    const config = await discover(m2m.client_id, m2m.client_secret as string);
    const { access_token } = await client.clientCredentialsGrant(config, { scope: "api:read" });
    expect(await introspect(access_token)).toMatchObject({ active: true, sub: m2m.client_id });
    await coreApi(system, "PATCH", `${issuerPath}/clients/${m2m.client_id}`, {
      status: "disabled",
    });
    expect(await introspect(access_token)).toEqual({ active: false, reason: "client_inactive" });
    await coreApi(system, "PATCH", `${issuerPath}/clients/${m2m.client_id}`, { status: "active" });
  });

  it("a personal token minted by the Core API is accepted by the IdP's /userinfo", async () => {
    const user = system.seed.user;
    const created = await coreApi<{ id: string; token_plain: string }>(
      system,
      "POST",
      `${issuerPath}/users/${user.id}/tokens`,
      { name: "laptop cli", restrictions: { scopes: ["email"] } },
    );
    const web = system.seed.clients.web;
    const config = await discover(web.client_id, web.client_secret as string);
    const info = await client.fetchUserInfo(config, created.token_plain, user.id);
    expect(info).toMatchObject({ sub: user.id, email: user.username });
    await coreApi(system, "POST", `/tokens/${created.id}/revoke`, { reason: "lost laptop" });
    await expect(client.fetchUserInfo(config, created.token_plain, user.id)).rejects.toThrow();
    expect(await introspect(created.token_plain)).toEqual({ active: false, reason: "revoked" });
  });
});
