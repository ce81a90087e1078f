import { env } from "cloudflare:workers";
import { authMethods, issuers, organizations } from "@authpi/domain/db";
import { issuerSettings } from "@authpi/domain/issuers";
import { addMember, createOrganization } from "@authpi/domain/organizations";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq, inArray } from "drizzle-orm";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { TestBrowser } from "./support/browser.ts";
import { issuerUrl, type Seeded } from "./support/login-flow.ts";
import { discover } from "./support/oidc.ts";
import { enrollTotp, totpCode } from "./support/totp.ts";

const bindings = env as unknown as Env;

function field(page: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1];
  if (!value) throw new Error(`no ${name} in page: ${page.slice(0, 400)}`);
  return value;
}

/** Starts an authorization with openid-client and returns what the RP needs to finish it. */
async function authorize(seeded: Seeded, extra: Record<string, string> = {}) {
  const registered = seeded.web;
  const redirectUri = registered.client.settings.redirect_uris[0] as string;
  const config = await discover(issuerUrl(seeded), registered.client.id, registered.secret);
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: "st",
    nonce: "nn",
    ...extra,
  });
  const browser = new TestBrowser();
  const shown = await browser.fetch(url.href);
  return { config, verifier, browser, page: await shown.text(), status: shown.status };
}

async function post(browser: TestBrowser, path: string, body: Record<string, string>) {
  return browser.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });
}

async function password(seeded: Seeded, flow: Awaited<ReturnType<typeof authorize>>) {
  return post(flow.browser, `/${seeded.issuer.id}/login`, {
    request_id: field(flow.page, "request_id"),
    csrf_token: field(flow.page, "csrf_token"),
    username: "alice@example.com",
    password: seeded.password,
  });
}

async function redeem(flow: Awaited<ReturnType<typeof authorize>>, response: Response) {
  expect(response.status, await response.clone().text()).toBe(303);
  const callback = new URL(response.headers.get("location") as string);
  const tokens = await client.authorizationCodeGrant(flow.config, callback, {
    pkceCodeVerifier: flow.verifier,
    expectedState: "st",
    expectedNonce: "nn",
    idTokenExpected: true,
  });
  return tokens.claims() as client.IDToken;
}

async function enforcingOrg(seeded: Seeded, flat: boolean) {
  const org = await createOrganization(seeded.db, seeded.ctx, seeded.issuer.id, {
    name: "Acme",
    ...(flat ? {} : { security: { enforce_2fa: true } }),
  });
  const store = issuerStore(bindings, seeded.issuer.id);
  await addMember(seeded.db, store, seeded.ctx, seeded.issuer.id, org.id, {
    member_id: seeded.user.id,
  });
  if (flat) {
    await seeded.db
      .update(organizations)
      .set({ settings: { enforce_2fa: true } })
      .where(eq(organizations.id, org.id));
  }
  return org;
}

describe("hosted sign-in with a second factor", () => {
  it("asks a user with TOTP for a code after the password, and the ID token says pwd otp mfa", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { secret } = await enrollTotp(seeded, bindings.KEY_ENCRYPTION_SECRET, Date.now());
    const flow = await authorize(seeded, { acr_values: "mfa" });
    const second = await password(seeded, flow);
    expect(second.status).toBe(200);
    const page = await second.text();
    expect(page).toContain('autocomplete="one-time-code"');
    expect(page).toContain('inputmode="numeric"');
    expect(page).toContain("Sign in with a backup code");
    const body = {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
    };
    const wrong = await post(flow.browser, `/${seeded.issuer.id}/login/second-factor`, {
      ...body,
      code: "000000",
    });
    expect(wrong.status).toBe(401);
    const done = await post(flow.browser, `/${seeded.issuer.id}/login/second-factor`, {
      ...body,
      code: totpCode(secret, Date.now()),
    });
    const claims = await redeem(flow, done);
    expect(claims.amr).toEqual(["pwd", "otp", "mfa"]);
    expect(claims.acr).toBe("mfa");
    expect(claims.auth_time).toBeGreaterThan(0);

    // The step cannot be replayed: the interaction id of the second factor is spent.
    const again = await post(flow.browser, `/${seeded.issuer.id}/login/second-factor`, {
      ...body,
      code: totpCode(secret, Date.now()),
    });
    expect(again.status).toBe(400);
  });

  it("asks an unverified user to verify their email after the second factor, before any code", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await seeded.db
      .update(issuers)
      .set({ settings: issuerSettings({ verify_email_address_on_signup: true }) })
      .where(eq(issuers.id, seeded.issuer.id));
    const { secret } = await enrollTotp(seeded, bindings.KEY_ENCRYPTION_SECRET, Date.now());
    const flow = await authorize(seeded);
    const page = await (await password(seeded, flow)).text();
    const shown = await post(flow.browser, `/${seeded.issuer.id}/login/second-factor`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      code: totpCode(secret, Date.now()),
    });
    expect(shown.status).toBe(200);
    const verify = await shown.text();
    expect(verify).toContain(`action="/${seeded.issuer.id}/verify-email"`);
    expect(verify).toContain('autocomplete="one-time-code"');
  });

  it("a password-only session does not answer a request asking for MFA, and prompt=none says so", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await authorize(seeded);
    const claims = await redeem(first, await password(seeded, first));
    expect(claims.amr).toEqual(["pwd"]);
    expect(claims.acr).toBeUndefined();
    const config = first.config;
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
      scope: "openid",
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
      prompt: "none",
      acr_values: "mfa",
    });
    const refused = await first.browser.fetch(url.href);
    const location = new URL(refused.headers.get("location") as string);
    expect(location.searchParams.get("error")).toBe("login_required");
    url.searchParams.delete("acr_values");
    const reused = await first.browser.fetch(url.href);
    expect(new URL(reused.headers.get("location") as string).searchParams.get("code")).toBeTruthy();
  });

  for (const flat of [false, true]) {
    it(`enrolls a member of an enforce_2fa organization (${flat ? "flat enforce_2fa" : "security.enforce_2fa"}) before any code`, async () => {
      const seeded = await seedIssuer(bindings.DB);
      await enforcingOrg(seeded, flat);
      const flow = await authorize(seeded);
      const shown = await password(seeded, flow);
      expect(shown.status).toBe(200);
      const page = await shown.text();
      expect(page).toContain('src="data:image/svg+xml;base64,');
      const secret = /<code id="secret"[^>]*>(.+?)<\/code>/
        .exec(page)?.[1]
        ?.replace(/<[^>]+>| /g, "");
      expect(secret).toBeTruthy();
      const base = { request_id: field(page, "request_id"), csrf_token: field(page, "csrf_token") };
      const bad = await post(flow.browser, `/${seeded.issuer.id}/login/enroll`, {
        ...base,
        code: "000000",
      });
      expect(bad.status).toBe(401);
      const badPage = await bad.text();
      const confirmed = await post(flow.browser, `/${seeded.issuer.id}/login/enroll`, {
        request_id: field(badPage, "request_id"),
        csrf_token: base.csrf_token,
        code: totpCode(secret as string, Date.now()),
      });
      expect(confirmed.status).toBe(200);
      const codesPage = await confirmed.text();
      expect(codesPage.match(/<li><code>[2-9a-z]{10}<\/code><\/li>/g)).toHaveLength(10);
      const done = await post(flow.browser, `/${seeded.issuer.id}/login/continue`, {
        request_id: field(codesPage, "request_id"),
        csrf_token: base.csrf_token,
      });
      expect((await redeem(flow, done)).amr).toEqual(["pwd", "otp", "mfa"]);
    });
  }

  it("refuses with access_denied when MFA is required and neither TOTP nor passkeys are enabled", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await seeded.db
      .update(issuers)
      .set({ settings: issuerSettings({ authentication: { second_factor: "required" } }) })
      .where(eq(issuers.id, seeded.issuer.id));
    await seeded.db
      .update(authMethods)
      .set({ enabled: false })
      .where(
        and(
          eq(authMethods.issuerId, seeded.issuer.id),
          inArray(authMethods.method, ["totp_app", "webauthn"]),
        ),
      );
    const flow = await authorize(seeded);
    const refused = await password(seeded, flow);
    expect(refused.status).toBe(303);
    const location = new URL(refused.headers.get("location") as string);
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("code")).toBeNull();
  });

  it("offers the password form only while password sign-in is enabled", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await seeded.db
      .update(authMethods)
      .set({ enabled: false })
      // Passkeys are a first factor too: with them on, the page still offers a way in.
      .where(
        and(
          eq(authMethods.issuerId, seeded.issuer.id),
          inArray(authMethods.method, ["password", "webauthn"]),
        ),
      );
    const flow = await authorize(seeded);
    expect(flow.page).not.toContain('autocomplete="current-password"');
    expect(flow.page).toContain("No sign-in method is enabled");
  });
});
