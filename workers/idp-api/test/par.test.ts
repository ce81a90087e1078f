import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { issuerStoreId } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { setStoreShards } from "@authpi/testkit/shards";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import type { Seeded } from "./support/login-flow.ts";
import {
  authorizeInBrowser,
  discoverAs,
  insecure,
  pushForWeb,
  requestParameters,
  requireParForIssuer,
  webClientRequiringPar,
} from "./support/par-flow.ts";
import { postedForm } from "./support/response-mode-flow.ts";

const bindings = env as unknown as Env;
const WEB_CALLBACK = "https://app.example.com/callback";

/** Redeems the code of `callback` with oauth4webapi and returns the validated ID token claims. */
async function redeem(
  seeded: Seeded,
  client: oauth.Client,
  auth: oauth.ClientAuth,
  callback: URLSearchParams,
  request: { state: string; nonce: string; verifier: string; redirectUri: string },
) {
  const as = await discoverAs(seeded);
  const params = oauth.validateAuthResponse(as, client, callback, request.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    auth,
    params,
    request.redirectUri,
    request.verifier,
    insecure,
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: request.nonce,
    requireIdToken: true,
  });
  return { result, claims: oauth.getValidatedIdTokenClaims(result) };
}

function callbackOf(response: Response): URL {
  expect(response.status, response.headers.get("location") ?? "").toBeGreaterThanOrEqual(300);
  return new URL(response.headers.get("location") as string);
}

describe("pushed authorization requests (RFC 9126)", () => {
  it("discovery names the PAR endpoint and the issuer's requirement", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const as = await discoverAs(seeded);
    expect(as.pushed_authorization_request_endpoint).toBe(`${as.issuer}/par`);
    expect(as.require_pushed_authorization_requests).toBe(false);

    const strict = await seedIssuer(bindings.DB);
    await requireParForIssuer(strict);
    expect((await discoverAs(strict)).require_pushed_authorization_requests).toBe(true);
  });

  it("a confidential client pushes, authorizes by request_uri and redeems the code", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const request = await requestParameters(WEB_CALLBACK, { scope: "openid email" });
    const as = await discoverAs(seeded);
    const client = { client_id: seeded.web.client.id };
    const pushed = await oauth.processPushedAuthorizationResponse(
      as,
      client,
      await pushForWeb(seeded, request.params),
    );
    expect(pushed.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$/);
    expect(pushed.expires_in).toBe(60);

    // RFC 9126 §4: only client_id and request_uri count; the pushed parameters win.
    const { response } = await authorizeInBrowser(seeded, {
      client_id: client.client_id,
      request_uri: pushed.request_uri,
      scope: "openid profile",
      state: "not-the-pushed-state",
    });
    const callback = callbackOf(response);
    expect(`${callback.origin}${callback.pathname}`).toBe(WEB_CALLBACK);
    expect(callback.searchParams.get("state")).toBe(request.state);
    const { result, claims } = await redeem(
      seeded,
      client,
      oauth.ClientSecretBasic(seeded.web.secret as string),
      callback.searchParams,
      { ...request, redirectUri: WEB_CALLBACK },
    );
    expect(claims?.sub).toBe(seeded.user.id);
    expect(result.scope?.split(" ").sort()).toEqual(["email", "openid"]);
  });

  it("a public client pushes with only its client_id and PKCE", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const redirectUri = seeded.spa.client.settings.redirect_uris[0] as string;
    const request = await requestParameters(redirectUri);
    const as = await discoverAs(seeded);
    const client = { client_id: seeded.spa.client.id };
    const pushed = await oauth.processPushedAuthorizationResponse(
      as,
      client,
      await oauth.pushedAuthorizationRequest(as, client, oauth.None(), request.params, insecure),
    );
    const { response } = await authorizeInBrowser(seeded, {
      client_id: client.client_id,
      request_uri: pushed.request_uri,
    });
    const { claims } = await redeem(
      seeded,
      client,
      oauth.None(),
      callbackOf(response).searchParams,
      { ...request, redirectUri },
    );
    expect(claims?.sub).toBe(seeded.user.id);
  });

  it("a client that must push gets its code through PAR, and form_post travels too", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const strict = await webClientRequiringPar(seeded);
    const redirectUri = "https://par.example.com/callback";
    const request = await requestParameters(redirectUri, { response_mode: "form_post" });
    const as = await discoverAs(seeded);
    const client = { client_id: strict.client.id };
    const auth = oauth.ClientSecretPost(strict.secret as string);
    const pushed = await oauth.processPushedAuthorizationResponse(
      as,
      client,
      await oauth.pushedAuthorizationRequest(as, client, auth, request.params, insecure),
    );
    const { response } = await authorizeInBrowser(seeded, {
      client_id: client.client_id,
      request_uri: pushed.request_uri,
    });
    expect(response.status).toBe(200);
    const form = postedForm(await response.text());
    expect(form.action).toBe(redirectUri);
    const { claims } = await redeem(seeded, client, auth, form.fields, { ...request, redirectUri });
    expect(claims?.sub).toBe(seeded.user.id);
  });

  it("on a sharded issuer the request lives in the home shard and the flow still ends in a code", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await setStoreShards(seeded, 4);
    const request = await requestParameters(WEB_CALLBACK);
    const as = await discoverAs(seeded);
    const client = { client_id: seeded.web.client.id };
    const pushed = await oauth.processPushedAuthorizationResponse(
      as,
      client,
      await pushForWeb(seeded, request.params),
    );
    const ns = bindings.ISSUER_STORE;
    const count = await runInDurableObject(
      ns.get(issuerStoreId(ns, seeded.issuer.id, 0)),
      (_instance, state) =>
        state.storage.sql.exec("SELECT count(*) AS n FROM pushed_requests").one().n,
    );
    expect(count).toBe(1);
    const { response } = await authorizeInBrowser(seeded, {
      client_id: client.client_id,
      request_uri: pushed.request_uri,
    });
    const { claims } = await redeem(
      seeded,
      client,
      oauth.ClientSecretBasic(seeded.web.secret as string),
      callbackOf(response).searchParams,
      { ...request, redirectUri: WEB_CALLBACK },
    );
    expect(claims?.sub).toBe(seeded.user.id);
  });
});
