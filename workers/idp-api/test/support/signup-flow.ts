import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { UpdateIssuerInput, updateIssuer } from "@authpi/domain/issuers";
import { seedIssuer } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { expect } from "vitest";
import type { Env } from "../../src/env.ts";
import { TestBrowser } from "./browser.ts";
import { field, openLogin, post } from "./journeys.ts";
import { issuerUrl, type Seeded } from "./login-flow.ts";
import { discover } from "./oidc.ts";

export const bindings = env as unknown as Env;

/** A password zxcvbn rates strong and no test user has. */
export const STRONG = "Copper-Meadow-Glacier-63";

/** A seeded issuer with signup on (`allow_new_users`), plus any other settings given. */
export async function seedSignupIssuer(settings: Record<string, unknown> = {}): Promise<Seeded> {
  const seeded = await seedIssuer(bindings.DB);
  await updateIssuer(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    UpdateIssuerInput.parse({ settings: { allow_new_users: true, ...settings } }),
  );
  return seeded;
}

/** The "Create an account" link of a login page, or null when the page has none. */
export function signupLinkOf(loginPage: string): string | null {
  return /href="([^"]*\/signup\?[^"]*)"/.exec(loginPage)?.[1]?.replace(/&amp;/g, "&") ?? null;
}

/** /authorize for the web client, then "Create an account": the signup page of that request. */
export async function openSignup(seeded: Seeded, browser = new TestBrowser()) {
  const login = await openLogin(seeded, browser);
  const link = signupLinkOf(login.page);
  expect(link, "the login page links to the signup page").toBeTruthy();
  const response = await browser.fetch(link as string);
  return { browser, response, page: await response.text(), link: link as string };
}

export interface SignupForm {
  email: string;
  password?: string;
  name?: string;
  csrf_token?: string;
}

/** Submits the signup form shown in `page`. */
export function submitSignup(seeded: Seeded, browser: TestBrowser, page: string, form: SignupForm) {
  return post(browser, `/${seeded.issuer.id}/signup`, {
    request_id: field(page, "request_id"),
    csrf_token: form.csrf_token ?? field(page, "csrf_token"),
    email: form.email,
    password: form.password ?? STRONG,
    name: form.name ?? "",
  });
}

/** Submits the code form of a "check your email" page. */
export function submitCode(seeded: Seeded, browser: TestBrowser, page: string, code: string) {
  return post(browser, `/${seeded.issuer.id}/verify-email`, {
    request_id: field(page, "request_id"),
    csrf_token: field(page, "csrf_token"),
    code,
  });
}

/** The web client's callback a response redirects to, with its `code` and `state`. */
export function callbackOf(seeded: Seeded, response: Response): URL {
  expect(response.status, "redirects back to the client").toBe(303);
  const location = new URL(response.headers.get("location") as string);
  expect(`${location.origin}${location.pathname}`).toBe(
    seeded.web.client.settings.redirect_uris[0],
  );
  expect(location.searchParams.get("state")).toBe("st");
  return location;
}

/**
 * Redeems the code `openLogin` asked for (its fixed verifier, state and nonce) with
 * openid-client, as the web client would; returns the ID token claims and the userinfo answer.
 */
export async function redeem(seeded: Seeded, callback: URL) {
  const config = await discover(issuerUrl(seeded), seeded.web.client.id, seeded.web.secret);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: "v".repeat(43),
    expectedState: "st",
    expectedNonce: "nn",
    idTokenExpected: true,
  });
  const claims = tokens.claims() as client.IDToken;
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return { claims, userinfo };
}

/** The event types of an issuer, oldest first. */
export async function eventTypes(seeded: Seeded): Promise<string[]> {
  const rows = await seeded.db.select().from(events).where(eq(events.issuerId, seeded.issuer.id));
  return rows.sort((a, b) => a.id.localeCompare(b.id)).map((e) => e.type);
}

/** A page with its per-response values blanked, to compare two answers. */
export function comparable(page: string, ...addresses: string[]): string {
  let out = page
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/name="request_id" value="[^"]*"/g, 'name="request_id" value=""')
    .replace(/name="csrf_token" value="[^"]*"/g, 'name="csrf_token" value=""');
  for (const a of addresses) out = out.replaceAll(a, "ADDRESS");
  return out;
}
