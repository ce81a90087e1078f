import { env } from "cloudflare:workers";
import { authMethods, issuers, userVerifiers } from "@authpi/domain/db";
import { issuerSettings } from "@authpi/domain/issuers";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { issuerUrl, type Seeded } from "./support/login-flow.ts";
import { discover } from "./support/oidc.ts";
import { SoftwareAuthenticator } from "./support/software-authenticator.ts";

const bindings = env as unknown as Env;
// The worker's IDP_BASE_URL (wrangler.toml) is the origin; its host is the RP ID.
const ORIGIN = "http://localhost:8787";

function field(page: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1];
  if (!value) throw new Error(`no ${name} in page: ${page.slice(0, 400)}`);
  return value;
}

/** The ceremony options the page hands the script, from the button's `data-options`. */
function options(page: string, button: string) {
  const raw = new RegExp(`id="${button}"[^>]*data-options="([^"]+)"`).exec(page)?.[1];
  if (!raw) throw new Error(`no ${button} in page: ${page.slice(0, 400)}`);
  const text = raw
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return JSON.parse(text);
}

async function authorize(seeded: Seeded, browser = new TestBrowser()) {
  const registered = seeded.web;
  const config = await discover(issuerUrl(seeded), registered.client.id, registered.secret);
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: registered.client.settings.redirect_uris[0] as string,
    scope: "openid email",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: "st",
    nonce: "nn",
  });
  const shown = await browser.fetch(url.href);
  return { config, verifier, browser, page: await shown.text(), response: shown };
}

type Flow = Awaited<ReturnType<typeof authorize>>;

async function post(flow: Flow, path: string, body: Record<string, string>) {
  return flow.browser.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });
}

async function redeem(flow: Flow, response: Response) {
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

async function requireMfa(seeded: Seeded) {
  await seeded.db
    .update(issuers)
    .set({ settings: issuerSettings({ authentication: { second_factor: "required" } }) })
    .where(eq(issuers.id, seeded.issuer.id));
}

/** Password, then the enrollment page's "Add a passkey" instead of an authenticator app. */
async function enrollPasskey(seeded: Seeded, authenticator: SoftwareAuthenticator) {
  const flow = await authorize(seeded);
  const enroll = await post(flow, `/${seeded.issuer.id}/login`, {
    request_id: field(flow.page, "request_id"),
    csrf_token: field(flow.page, "csrf_token"),
    username: "alice@example.com",
    password: seeded.password,
  });
  const page = await enroll.text();
  expect(page).toContain("Add a passkey");
  const formAt = page.indexOf('id="passkey-register-form"');
  const created = await authenticator.create(options(page, "passkey-register"));
  const done = await post(flow, `/${seeded.issuer.id}/login/enroll/passkey`, {
    request_id: field(page.slice(formAt), "request_id"),
    csrf_token: field(page.slice(formAt), "csrf_token"),
    passkey_response: JSON.stringify(created),
  });
  return { flow, done };
}

async function passkeySignIn(seeded: Seeded, authenticator: SoftwareAuthenticator) {
  const flow = await authorize(seeded);
  const assertion = await authenticator.get(options(flow.page, "passkey-sign-in"));
  const response = await post(flow, `/${seeded.issuer.id}/login/passkey`, {
    request_id: field(flow.page, "request_id"),
    csrf_token: field(flow.page, "csrf_token"),
    passkey_response: JSON.stringify(assertion),
  });
  return { flow, response };
}

describe("hosted passkey pages", () => {
  it("offers passkey sign-in with autofill, loading the scripts under the page's nonce", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { page, response } = await authorize(seeded);
    expect(page).toContain('autocomplete="username webauthn"');
    expect(page).toMatch(/<button type="button" class="passkey" id="passkey-sign-in" hidden/);
    expect(page).toContain("Continue with a passkey");
    const nonce = /script-src 'nonce-([^']+)'/.exec(
      response.headers.get("content-security-policy") ?? "",
    )?.[1];
    expect(nonce).toBeTruthy();
    expect(page).toContain(`<script nonce="${nonce}" src="/assets/webauthn-browser.js" defer>`);
    const asset = await new TestBrowser().fetch("/assets/webauthn-browser.js");
    expect(asset.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await asset.text()).toContain("SimpleWebAuthnBrowser");
    expect((await new TestBrowser().fetch("/assets/passkey.js")).status).toBe(200);
  });

  it("offers passkey sign-in alone when password sign-in is off", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await seeded.db
      .update(authMethods)
      .set({ enabled: false })
      .where(and(eq(authMethods.issuerId, seeded.issuer.id), eq(authMethods.method, "password")));
    const { page } = await authorize(seeded);
    expect(page).not.toContain('autocomplete="current-password"');
    expect(page).not.toContain("No sign-in method is enabled");
    expect(page).toContain("Continue with a passkey");
  });

  it("enrolls a passkey at a required second factor, then signs in usernameless with it", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await requireMfa(seeded);
    const authenticator = new SoftwareAuthenticator(ORIGIN, "localhost");
    const { flow, done } = await enrollPasskey(seeded, authenticator);
    expect((await redeem(flow, done)).amr).toEqual(["pwd", "swk", "mfa"]);

    const signIn = await passkeySignIn(seeded, authenticator);
    const claims = await redeem(signIn.flow, signIn.response);
    expect(claims.sub).toBe(seeded.user.id);
    expect(claims.amr).toEqual(["swk", "mfa"]);
  });

  it("refuses a passkey answer for another origin, showing the sign-in form again", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await requireMfa(seeded);
    const authenticator = new SoftwareAuthenticator(ORIGIN, "localhost");
    await enrollPasskey(seeded, authenticator);
    const flow = await authorize(seeded);
    const assertion = await authenticator.get(options(flow.page, "passkey-sign-in"), {
      origin: "https://evil.example.net",
    });
    const refused = await post(flow, `/${seeded.issuer.id}/login/passkey`, {
      request_id: field(flow.page, "request_id"),
      csrf_token: field(flow.page, "csrf_token"),
      passkey_response: JSON.stringify(assertion),
    });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("That passkey was not accepted");
  });

  it("asks for a second factor after a passkey without user verification when MFA is required", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await requireMfa(seeded);
    const authenticator = new SoftwareAuthenticator(ORIGIN, "localhost");
    await enrollPasskey(seeded, authenticator);
    const flow = await authorize(seeded);
    const assertion = await authenticator.get(options(flow.page, "passkey-sign-in"), {
      userVerified: false,
    });
    const next = await post(flow, `/${seeded.issuer.id}/login/passkey`, {
      request_id: field(flow.page, "request_id"),
      csrf_token: field(flow.page, "csrf_token"),
      passkey_response: JSON.stringify(assertion),
    });
    // Possession alone is one factor: this user has no app yet, so enrollment comes next.
    expect(next.status).toBe(200);
    expect(await next.text()).toContain("Set up two-step verification");
  });

  it("follows the webauthn method's user_verification: required refuses an assertion without it", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await requireMfa(seeded);
    const authenticator = new SoftwareAuthenticator(ORIGIN, "localhost");
    await enrollPasskey(seeded, authenticator);
    await seeded.db
      .update(authMethods)
      .set({ settings: { user_verification: "required", resident_key: "required" } })
      .where(and(eq(authMethods.issuerId, seeded.issuer.id), eq(authMethods.method, "webauthn")));
    const flow = await authorize(seeded);
    const asked = options(flow.page, "passkey-sign-in");
    expect(asked.userVerification).toBe("required");
    const assertion = await authenticator.get(asked, { userVerified: false });
    const refused = await post(flow, `/${seeded.issuer.id}/login/passkey`, {
      request_id: field(flow.page, "request_id"),
      csrf_token: field(flow.page, "csrf_token"),
      passkey_response: JSON.stringify(assertion),
    });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain("That passkey was not accepted");
  });

  it("runs no ceremony for a method whose rp_id does not fit the IdP's host; the password still works", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await seeded.db
      .update(authMethods)
      .set({ settings: { rp_id: "evil.example" } })
      .where(and(eq(authMethods.issuerId, seeded.issuer.id), eq(authMethods.method, "webauthn")));
    const flow = await authorize(seeded);
    expect(flow.response.status).toBe(200);
    expect(flow.page).not.toContain("passkey-sign-in");
    expect(flow.page).not.toContain("evil.example");
    expect((await passwordSignIn(seeded, flow, true)).status).toBe(303);
  });

  it("enrolls with a passkey only (no QR code) when the totp_app method is disabled", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await requireMfa(seeded);
    await seeded.db
      .update(authMethods)
      .set({ enabled: false })
      .where(and(eq(authMethods.issuerId, seeded.issuer.id), eq(authMethods.method, "totp_app")));
    const authenticator = new SoftwareAuthenticator(ORIGIN, "localhost");
    const flow = await authorize(seeded);
    const enroll = await post(flow, `/${seeded.issuer.id}/login`, {
      request_id: field(flow.page, "request_id"),
      csrf_token: field(flow.page, "csrf_token"),
      username: "alice@example.com",
      password: seeded.password,
    });
    expect(enroll.status).toBe(200);
    const page = await enroll.text();
    expect(page).toContain("Set up two-step verification");
    expect(page).toContain("add a passkey");
    expect(page).toContain("Adding a passkey needs JavaScript");
    expect(page).not.toContain('class="qr"');
    expect(page).not.toContain('autocomplete="one-time-code"');
    const created = await authenticator.create(options(page, "passkey-register"));
    const done = await post(flow, `/${seeded.issuer.id}/login/enroll/passkey`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      passkey_response: JSON.stringify(created),
    });
    expect((await redeem(flow, done)).amr).toEqual(["pwd", "swk", "mfa"]);
    const verifiers = await seeded.db
      .select({ type: userVerifiers.type })
      .from(userVerifiers)
      .where(eq(userVerifiers.userId, seeded.user.id));
    expect(verifiers.map((v) => v.type).sort()).toEqual(["password", "webauthn"]);
  });
});

async function passwordSignIn(seeded: Seeded, flow: Flow, capable: boolean) {
  return post(flow, `/${seeded.issuer.id}/login`, {
    request_id: field(flow.page, "request_id"),
    csrf_token: field(flow.page, "csrf_token"),
    ...(capable ? { passkey_capable: "1" } : {}),
    username: "alice@example.com",
    password: seeded.password,
  });
}

describe("the passkey offer after a password sign-in", () => {
  it("offers a passkey once, registers it, then goes on to the client; not again once the user has one", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const flow = await authorize(seeded);
    expect(flow.page).toContain('name="passkey_capable"');
    const offered = await passwordSignIn(seeded, flow, true);
    expect(offered.status).toBe(200);
    const page = await offered.text();
    expect(page).toContain("<h1>Add a passkey for faster sign-in</h1>");
    expect(page).toMatch(/id="passkey-register"[^>]*>Add a passkey</);
    expect(page).toMatch(/aria-label="Not now, continue without a passkey">Not now</);
    const authenticator = new SoftwareAuthenticator(ORIGIN, "localhost");
    const created = await authenticator.create(options(page, "passkey-register"));
    const done = await post(flow, `/${seeded.issuer.id}/login/passkey-offer`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      passkey_response: JSON.stringify(created),
    });
    expect((await redeem(flow, done)).amr).toEqual(["pwd"]);
    const again = await authorize(seeded);
    expect((await passwordSignIn(seeded, again, true)).status).toBe(303);
    const signIn = await passkeySignIn(seeded, authenticator);
    expect((await redeem(signIn.flow, signIn.response)).amr).toEqual(["swk", "mfa"]);
  });

  it("goes on with Not now, a plain form, and does not offer again in that browser for 30 days", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const flow = await authorize(seeded);
    const page = await (await passwordSignIn(seeded, flow, true)).text();
    const skipAt = page.indexOf(`action="/${seeded.issuer.id}/login/passkey-offer/skip"`);
    expect(skipAt).toBeGreaterThan(0);
    const skipped = await post(flow, `/${seeded.issuer.id}/login/passkey-offer/skip`, {
      request_id: field(page.slice(skipAt), "request_id"),
      csrf_token: field(page.slice(skipAt), "csrf_token"),
    });
    expect(skipped.headers.get("set-cookie")).toMatch(
      /authpi_passkey_offer=dismissed; Max-Age=2592000; Path=\/[^;]+; HttpOnly/,
    );
    expect((await redeem(flow, skipped)).amr).toEqual(["pwd"]);
    // The step is spent: the same offer cannot be answered twice.
    const replay = await post(flow, `/${seeded.issuer.id}/login/passkey-offer/skip`, {
      request_id: field(page.slice(skipAt), "request_id"),
      csrf_token: field(page.slice(skipAt), "csrf_token"),
    });
    expect(replay.status).toBe(400);
    // The same browser signed out (its session cookie gone), the dismissal kept.
    flow.browser.cookies.delete("authpi_session");
    const sameBrowser = await authorize(seeded, flow.browser);
    expect((await passwordSignIn(seeded, sameBrowser, true)).status).toBe(303);
    const otherBrowser = await authorize(seeded);
    expect((await passwordSignIn(seeded, otherBrowser, true)).status).toBe(200);
  });

  it("is not offered without a platform authenticator, nor when the webauthn method is off", async () => {
    const seeded = await seedIssuer(bindings.DB);
    expect((await passwordSignIn(seeded, await authorize(seeded), false)).status).toBe(303);
    await seeded.db
      .update(authMethods)
      .set({ enabled: false })
      .where(and(eq(authMethods.issuerId, seeded.issuer.id), eq(authMethods.method, "webauthn")));
    const flow = await authorize(seeded);
    expect(flow.page).not.toContain('name="passkey_capable"');
    expect((await passwordSignIn(seeded, flow, true)).status).toBe(303);
  });
});
