import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { decodeProtectedHeader } from "jose";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { foreignIdToken, ownIdToken } from "./support/id-token-hints.ts";
import { issuerUrl, loginWithCode, type Seeded } from "./support/login-flow.ts";
import { authorizeWith } from "./support/response-mode-flow.ts";

const bindings = env as unknown as Env;

function idClaims(seeded: Seeded, sub: string) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuerUrl(seeded),
    sub,
    aud: seeded.web.client.id,
    iat: now,
    exp: now + 300,
    auth_time: now,
  };
}

async function errorOf(seeded: Seeded, browser: TestBrowser, extra: Record<string, string>) {
  const flow = await authorizeWith(seeded, { prompt: "none", ...extra }, browser);
  const location = new URL(flow.response.headers.get("location") as string);
  expect(location.searchParams.get("code")).toBeNull();
  return location.searchParams.get("error");
}

describe("id_token_hint cannot be forged or borrowed", () => {
  it("a garbage hint with prompt=none gets no code", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { browser } = await loginWithCode(seeded, { scope: "openid" });
    for (const hint of ["garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."]) {
      expect(await errorOf(seeded, browser, { id_token_hint: hint })).toBe("invalid_request");
    }
  });

  it("a hint signed by a foreign key under our kid is refused", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await loginWithCode(seeded, { scope: "openid" });
    const kid = decodeProtectedHeader(first.tokens.id_token as string).kid as string;
    const forged = await foreignIdToken(idClaims(seeded, seeded.user.id), kid);
    expect(await errorOf(seeded, first.browser, { id_token_hint: forged })).toBe("invalid_request");
  });

  it("a hint of another issuer, or an access token as hint, is refused", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await loginWithCode(seeded, { scope: "openid" });
    const other = await ownIdToken({
      ...idClaims(seeded, seeded.user.id),
      iss: "https://x.example",
    });
    expect(await errorOf(seeded, first.browser, { id_token_hint: other })).toBe("invalid_request");
    expect(await errorOf(seeded, first.browser, { id_token_hint: first.tokens.access_token })).toBe(
      "invalid_request",
    );
  });

  it("a valid hint naming another user than the session is login_required", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await loginWithCode(seeded, { scope: "openid" });
    const someoneElse = await ownIdToken(idClaims(seeded, "usr_someoneelse0000000000"));
    expect(await errorOf(seeded, first.browser, { id_token_hint: someoneElse })).toBe(
      "login_required",
    );
  });

  it("signing in as another user than the hint names gets no code", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const someoneElse = await ownIdToken(idClaims(seeded, "usr_someoneelse0000000000"));
    const flow = await authorizeWith(seeded, { id_token_hint: someoneElse }, new TestBrowser());
    const location = new URL(flow.response.headers.get("location") as string);
    expect(location.searchParams.get("code")).toBeNull();
    expect(location.searchParams.get("error")).toBe("login_required");
  });

  it("logout with another user's hint does not end this browser's session", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await loginWithCode(seeded, { scope: "openid" });
    const someoneElse = await ownIdToken(idClaims(seeded, "usr_someoneelse0000000000"));
    const logout = client.buildEndSessionUrl(first.config, { id_token_hint: someoneElse });
    expect((await first.browser.fetch(logout.href)).status).toBe(200);
    const again = await authorizeWith(seeded, { prompt: "none" }, first.browser);
    const location = new URL(again.response.headers.get("location") as string);
    expect(location.searchParams.get("code")).toBeTruthy();
  });

  it("an oversized login_hint is ignored, not echoed", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const params = new URLSearchParams({
      client_id: seeded.web.client.id,
      redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
      response_type: "code",
      scope: "openid",
      login_hint: `${"a".repeat(400)}@example.com`,
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
    const response = await new TestBrowser().fetch(`/${seeded.issuer.id}/authorize?${params}`);
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain("a".repeat(400));
  });
});
