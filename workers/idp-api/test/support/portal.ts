import { env } from "cloudflare:workers";
import { openPortalSession, sealPortalSession } from "@authpi/domain/portal";
import { expect } from "vitest";
import type { Env } from "../../src/env.ts";
import { TestBrowser } from "./browser.ts";
import { field, post } from "./journeys.ts";
import type { Seeded } from "./login-flow.ts";

const bindings = env as unknown as Env;

/** Follows same-origin redirects (302/303) of the worker, as a browser would. */
export async function follow(browser: TestBrowser, response: Response): Promise<Response> {
  let current = response;
  for (let hops = 0; hops < 10 && [302, 303].includes(current.status); hops++) {
    const location = current.headers.get("location") as string;
    current = await browser.fetch(location);
  }
  return current;
}

/**
 * Opens `{issuer}/account` in `browser` and signs in through the hosted sign-in with the
 * password (the reserved client's code flow); returns the portal page and its CSRF token.
 */
export async function signIntoPortal(
  seeded: Seeded,
  browser = new TestBrowser(),
  password = seeded.password,
) {
  const base = `/${seeded.issuer.id}/account`;
  const login = await follow(browser, await browser.fetch(base));
  expect(login.status).toBe(200);
  const loginPage = await login.text();
  const signedIn = await browser.submitLogin(
    seeded.issuer.id,
    loginPage,
    "alice@example.com",
    password,
  );
  expect(signedIn.status, await signedIn.clone().text()).toBe(303);
  expect(signedIn.headers.get("location")).toContain(`${base}/callback?`);
  const portal = await follow(browser, signedIn);
  expect(portal.status).toBe(200);
  const page = await portal.text();
  return { browser, base, page, csrf: field(page, "csrf_token") };
}

/** Posts a portal form with the session's CSRF token. */
export function portalPost(
  browser: TestBrowser,
  path: string,
  csrf: string,
  body: Record<string, string> = {},
) {
  return post(browser, path, { csrf_token: csrf, ...body });
}

/** Replaces the browser's portal cookie by one whose last sign-in was `ageMs` ago. */
export async function ageSignIn(browser: TestBrowser, seeded: Seeded, ageMs: number) {
  const key = bindings.KEY_ENCRYPTION_SECRET;
  const now = Date.now();
  const session = await openPortalSession(
    key,
    seeded.issuer.id,
    browser.cookies.get("authpi_account"),
    now,
  );
  if (!session) throw new Error("no portal session in the browser");
  const { csrf: _csrf, expiresAt: _expiresAt, ...grant } = session;
  const sealed = await sealPortalSession(key, { ...grant, authTime: now - ageMs }, now);
  browser.cookies.set("authpi_account", sealed);
  const page = await (await browser.fetch(`/${seeded.issuer.id}/account`)).text();
  return { page, csrf: field(page, "csrf_token") };
}
