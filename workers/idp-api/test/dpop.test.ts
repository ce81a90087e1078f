import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { calculateJwkThumbprint, exportJWK } from "jose";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { approveInBrowser, deviceClient, startOnDevice } from "./support/device-flow.ts";
import { m2mClient, requireDpopNonce } from "./support/dpop-flow.ts";
import type { Seeded } from "./support/login-flow.ts";
import { authorizeInBrowser, discoverAs, insecure, requestParameters } from "./support/par-flow.ts";
import { postForm } from "./support/raw-flow.ts";

const bindings = env as unknown as Env;

/** Runs `request` once more when the server asks for a DPoP nonce (RFC 9449 §8). */
async function withNonceRetry<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!oauth.isDPoPNonceError(error)) throw error;
    return request();
  }
}

/** The SPA signs in through the hosted page; returns the callback parameters oauth4webapi checked. */
async function spaCallback(seeded: Seeded, as: oauth.AuthorizationServer) {
  const redirectUri = seeded.spa.client.settings.redirect_uris[0] as string;
  const client: oauth.Client = { client_id: seeded.spa.client.id };
  const request = await requestParameters(redirectUri, { scope: "openid email offline_access" });
  const { response } = await authorizeInBrowser(seeded, {
    client_id: client.client_id,
    ...Object.fromEntries(request.params),
  });
  const location = new URL(response.headers.get("location") ?? "http://invalid/");
  const params = oauth.validateAuthResponse(as, client, location, request.state);
  return { client, callback: params, redirectUri, ...request };
}

async function spaSignIn(seeded: Seeded) {
  const as = await discoverAs(seeded);
  const signIn = await spaCallback(seeded, as);
  const dpop = oauth.DPoP(signIn.client, await oauth.generateKeyPair("ES256"));
  const tokens = await withNonceRetry(async () =>
    oauth.processAuthorizationCodeResponse(
      as,
      signIn.client,
      await oauth.authorizationCodeGrantRequest(
        as,
        signIn.client,
        oauth.None(),
        signIn.callback,
        signIn.redirectUri,
        signIn.verifier,
        { ...insecure, DPoP: dpop },
      ),
      { expectedNonce: signIn.nonce },
    ),
  );
  return { as, dpop, tokens, client: signIn.client };
}

describe("DPoP with oauth4webapi (RFC 9449)", () => {
  for (const requireNonce of [false, true]) {
    const label = requireNonce ? "with server nonces" : "without nonces";

    it(`code + PKCE, refresh and UserInfo, ${label}`, async () => {
      const seeded = await seedIssuer(bindings.DB);
      if (requireNonce) await requireDpopNonce(seeded);
      const { as, dpop, tokens, client } = await spaSignIn(seeded);
      expect(as.dpop_signing_alg_values_supported).toEqual(["ES256", "EdDSA", "RS256", "PS256"]);
      expect(tokens.token_type).toBe("dpop");
      const sub = oauth.getValidatedIdTokenClaims(tokens)?.sub as string;

      const info = await withNonceRetry(async () =>
        oauth.processUserInfoResponse(
          as,
          client,
          sub,
          await oauth.userInfoRequest(as, client, tokens.access_token, { ...insecure, DPoP: dpop }),
        ),
      );
      expect(info.email).toBe("alice@example.com");

      const refreshed = await withNonceRetry(async () =>
        oauth.processRefreshTokenResponse(
          as,
          client,
          await oauth.refreshTokenGrantRequest(
            as,
            client,
            oauth.None(),
            tokens.refresh_token as string,
            { ...insecure, DPoP: dpop },
          ),
        ),
      );
      expect(refreshed.token_type).toBe("dpop");
      expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    });

    it(`client_credentials, and introspection names the key, ${label}`, async () => {
      const seeded = await seedIssuer(bindings.DB);
      if (requireNonce) await requireDpopNonce(seeded);
      const m2m = await m2mClient(seeded);
      const as = await discoverAs(seeded);
      const client: oauth.Client = { client_id: m2m.id };
      const keyPair = await oauth.generateKeyPair("ES256");
      const dpop = oauth.DPoP(client, keyPair);
      const tokens = await withNonceRetry(async () =>
        oauth.processClientCredentialsResponse(
          as,
          client,
          await oauth.clientCredentialsGrantRequest(
            as,
            client,
            oauth.ClientSecretBasic(m2m.secret as string),
            new URLSearchParams(),
            { ...insecure, DPoP: dpop },
          ),
        ),
      );
      expect(tokens.token_type).toBe("dpop");
      const answer = (await (
        await postForm(`/${seeded.issuer.id}/introspect`, { token: tokens.access_token }, m2m)
      ).json()) as Record<string, unknown>;
      expect(answer).toMatchObject({
        active: true,
        token_type: "DPoP",
        cnf: { jkt: await calculateJwkThumbprint(await exportJWK(keyPair.publicKey)) },
      });
    });
  }

  it("the device grant binds the tokens, and a native client's refresh needs the same key", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device, "openid email offline_access");
    await approveInBrowser(seeded, started.user_code);
    const deviceClientMeta: oauth.Client = device.oauthClient;
    const dpop = oauth.DPoP(deviceClientMeta, await oauth.generateKeyPair("ES256"));
    const tokens = await oauth.processDeviceCodeResponse(
      as,
      device.oauthClient,
      await oauth.deviceCodeGrantRequest(as, device.oauthClient, device.auth, started.device_code, {
        ...insecure,
        DPoP: dpop,
      }),
    );
    expect(tokens.token_type).toBe("dpop");
    const other = oauth.DPoP(deviceClientMeta, await oauth.generateKeyPair("ES256"));
    const refresh = (handle: oauth.DPoPHandle) =>
      oauth.refreshTokenGrantRequest(
        as,
        device.oauthClient,
        device.auth,
        tokens.refresh_token as string,
        { ...insecure, DPoP: handle },
      );
    await expect(
      oauth.processRefreshTokenResponse(as, device.oauthClient, await refresh(other)),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      device.oauthClient,
      await refresh(dpop),
    );
    expect(refreshed.token_type).toBe("dpop");
  });

  it("a DPoP proof at /par binds the code to its key (RFC 9449 §10.1)", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const as = await discoverAs(seeded);
    const client: oauth.Client = { client_id: seeded.web.client.id };
    const auth = oauth.ClientSecretBasic(seeded.web.secret as string);
    const redirectUri = seeded.web.client.settings.redirect_uris[0] as string;
    const request = await requestParameters(redirectUri);
    const dpop = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    const pushed = await oauth.processPushedAuthorizationResponse(
      as,
      client,
      await oauth.pushedAuthorizationRequest(as, client, auth, request.params, {
        ...insecure,
        DPoP: dpop,
      }),
    );
    const { response } = await authorizeInBrowser(seeded, {
      client_id: client.client_id,
      request_uri: pushed.request_uri,
    });
    const location = new URL(response.headers.get("location") ?? "http://invalid/");
    const callback = oauth.validateAuthResponse(as, client, location, request.state);
    const exchange = (handle: oauth.DPoPHandle) =>
      oauth.authorizationCodeGrantRequest(
        as,
        client,
        auth,
        callback,
        redirectUri,
        request.verifier,
        { ...insecure, DPoP: handle },
      );
    const other = oauth.DPoP(client, await oauth.generateKeyPair("ES256"));
    await expect(
      oauth.processAuthorizationCodeResponse(as, client, await exchange(other), {
        expectedNonce: request.nonce,
      }),
    ).rejects.toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringMatching(/dpop_jkt/),
    });
  });

  it("a request without DPoP is answered exactly as before: Bearer, no cnf", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const m2m = await m2mClient(seeded);
    const response = await postForm(
      `/${seeded.issuer.id}/token`,
      { grant_type: "client_credentials" },
      m2m,
    );
    const body = (await response.json()) as { token_type: string; access_token: string };
    expect(body.token_type).toBe("Bearer");
    const answer = (await (
      await postForm(`/${seeded.issuer.id}/introspect`, { token: body.access_token }, m2m)
    ).json()) as Record<string, unknown>;
    expect(answer.token_type).toBe("access_token");
    expect(answer.cnf).toBeUndefined();
  });
});
