import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import * as oauth from "oauth4webapi";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerUrl } from "./support/login-flow.ts";
import { customFetch } from "./support/oidc.ts";
import { authorizeWith, formPostRequest } from "./support/response-mode-flow.ts";

const bindings = env as unknown as Env;
const insecure = { [oauth.customFetch]: customFetch, [oauth.allowInsecureRequests]: true };

async function discoverWith4(issuer: string) {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, insecure));
}

describe("response modes (OAuth 2.0 Multiple Response Types, Form Post Response Mode)", () => {
  it("discovery advertises query, fragment and form_post", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const as = await discoverWith4(issuerUrl(seeded));
    expect(as.response_modes_supported).toEqual(["query", "fragment", "form_post"]);
  });

  it("form_post: openid-client redeems the code the auto-submitting page posts", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const flow = await authorizeWith(seeded, { response_mode: "form_post" });
    expect(flow.response.status).toBe(200);
    expect(flow.response.headers.get("location")).toBeNull();
    const page = await flow.response.text();
    const nonce = /<script nonce="([^"]+)">/.exec(page)?.[1];
    expect(nonce).toBeTruthy();
    const csp = flow.response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain(`'nonce-${nonce}'`);
    expect(csp).toContain("form-action 'self' https://app.example.com");
    const tokens = await client.authorizationCodeGrant(flow.config, formPostRequest(page), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    expect(tokens.claims()?.sub).toBe(seeded.user.id);
  });

  it("fragment: oauth4webapi validates the answer in the fragment and redeems it", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const flow = await authorizeWith(seeded, { response_mode: "fragment" });
    expect(flow.response.status).toBe(303);
    const location = new URL(flow.response.headers.get("location") as string);
    expect(location.search).toBe("");
    const as = await discoverWith4(issuerUrl(seeded));
    const c = { client_id: seeded.web.client.id };
    const params = oauth.validateAuthResponse(
      as,
      c,
      new URLSearchParams(location.hash.slice(1)),
      flow.state,
    );
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      c,
      oauth.ClientSecretBasic(seeded.web.secret as string),
      params,
      flow.redirectUri,
      flow.verifier,
      insecure,
    );
    const result = await oauth.processAuthorizationCodeResponse(as, c, response, {
      expectedNonce: flow.nonce,
      requireIdToken: true,
    });
    expect(oauth.getValidatedIdTokenClaims(result)?.sub).toBe(seeded.user.id);
  });

  it("query stays the default for code and is accepted when named", async () => {
    const seeded = await seedIssuer(bindings.DB);
    for (const extra of [{}, { response_mode: "query" }] as Record<string, string>[]) {
      const flow = await authorizeWith(seeded, extra);
      const location = new URL(flow.response.headers.get("location") as string);
      expect(location.hash).toBe("");
      const tokens = await client.authorizationCodeGrant(flow.config, location, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      });
      expect(tokens.access_token).toBeTruthy();
    }
  });

  it("errors travel in the requested mode too: login_required by fragment and by form_post", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const fragment = await authorizeWith(seeded, { response_mode: "fragment", prompt: "none" });
    const location = new URL(fragment.response.headers.get("location") as string);
    const as = await discoverWith4(issuerUrl(seeded));
    expect(() =>
      oauth.validateAuthResponse(
        as,
        { client_id: seeded.web.client.id },
        new URLSearchParams(location.hash.slice(1)),
        fragment.state,
      ),
    ).toThrow(expect.objectContaining({ error: "login_required" }));

    const posted = await authorizeWith(seeded, { response_mode: "form_post", prompt: "none" });
    expect(posted.response.status).toBe(200);
    await expect(
      client.authorizationCodeGrant(posted.config, formPostRequest(await posted.response.text()), {
        pkceCodeVerifier: posted.verifier,
        expectedState: posted.state,
      }),
    ).rejects.toMatchObject({ error: "login_required" });
  });
});
