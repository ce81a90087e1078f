import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { ownIdToken } from "./support/id-token-hints.ts";
import { issuerUrl, loginWithCode } from "./support/login-flow.ts";
import { authorizeWith } from "./support/response-mode-flow.ts";

const bindings = env as unknown as Env;

describe("id_token_hint and login_hint (OIDC Core §3.1.2.1)", () => {
  it("prompt=none with the session's own ID token as hint gets a code", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await loginWithCode(seeded, { scope: "openid" });
    const flow = await authorizeWith(
      seeded,
      { prompt: "none", id_token_hint: first.tokens.id_token as string },
      first.browser,
    );
    const location = new URL(flow.response.headers.get("location") as string);
    const tokens = await client.authorizationCodeGrant(flow.config, location, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    expect(tokens.claims()?.sub).toBe(seeded.user.id);
  });

  it("an expired ID token of ours is still a valid hint", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await loginWithCode(seeded, { scope: "openid" });
    const past = Math.floor(Date.now() / 1000) - 86_400;
    const expired = await ownIdToken({
      iss: issuerUrl(seeded),
      sub: seeded.user.id,
      aud: seeded.web.client.id,
      iat: past - 3600,
      exp: past,
      auth_time: past - 3600,
    });
    const flow = await authorizeWith(
      seeded,
      { prompt: "none", id_token_hint: expired },
      first.browser,
    );
    const location = new URL(flow.response.headers.get("location") as string);
    expect(location.searchParams.get("code")).toBeTruthy();
  });

  it("login_hint prefills the username, escaped", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const hint = 'bob"><b>x</b>@example.com';
    const params = new URLSearchParams({
      client_id: seeded.web.client.id,
      redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
      response_type: "code",
      scope: "openid",
      login_hint: hint,
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
    const page = await (
      await new TestBrowser().fetch(`/${seeded.issuer.id}/authorize?${params}`)
    ).text();
    expect(page).toContain('value="bob&quot;&gt;&lt;b&gt;x&lt;/b&gt;@example.com"');
    expect(page).not.toContain("<b>x</b>");
  });
});
