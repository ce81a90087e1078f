import * as client from "openid-client";
import { beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { HttpBrowser } from "./support/http-browser.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

let system: SystemEndpoints;
let issuerPath: string;

beforeAll(() => {
  system = sharedSystem();
  issuerPath = `/issuers/${system.seed.issuer_id}`;
});

/** A user of its own (blocking the demo user would break the other files) signed in as the web app. */
async function signedInUser() {
  const username = `snapshot-${crypto.randomUUID()}@example.com`;
  const password = "claims snapshot passphrase 16";
  const user = await coreApi<{ id: string }>(system, "POST", `${issuerPath}/users`, {
    username_type: "email",
    username,
    password,
    profile: { email: username, email_verified: true },
  });
  const web = system.seed.clients.web;
  const config = await client.discovery(
    new URL(`${system.idpUrl}/${system.seed.issuer_id}`),
    web.client_id,
    { client_secret: web.client_secret as string },
    client.ClientSecretPost(web.client_secret as string),
    { execute: [client.allowInsecureRequests] },
  );
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: web.redirect_uris[0] as string,
    scope: "openid profile email offline_access",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: "s",
  });
  const callback = await new HttpBrowser().login(url.href, username, password);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: "s",
  });
  return { config, tokens, userId: user.id };
}

describe("the claims snapshot against the Core API's writes (openid-client as the app)", () => {
  it("a profile change through the Core API shows in the next userinfo", async () => {
    const { config, tokens, userId } = await signedInUser();
    const info = () => client.fetchUserInfo(config, tokens.access_token, userId);
    await info();
    await info();
    await coreApi(system, "PATCH", `${issuerPath}/users/${userId}`, {
      profile: { name: "Renamed" },
    });
    expect((await info()).name).toBe("Renamed");
  });

  it("blocking a user through the Core API stops refresh, userinfo and introspection at once", async () => {
    const { config, tokens, userId } = await signedInUser();
    await client.fetchUserInfo(config, tokens.access_token, userId);
    await client.fetchUserInfo(config, tokens.access_token, userId);
    await coreApi(system, "PATCH", `${issuerPath}/users/${userId}`, { blocked: true });
    await expect(
      client.refreshTokenGrant(config, tokens.refresh_token as string),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    await expect(client.fetchUserInfo(config, tokens.access_token, userId)).rejects.toBeTruthy();
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });
});
