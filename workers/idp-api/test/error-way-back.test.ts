import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { field, openLogin, post } from "./support/journeys.ts";

const bindings = env as unknown as Env;

/** The href of the page's "Back to …" link, decoded. */
function backLink(page: string): string | null {
  const href = /<p class="back"><a href="([^"]*)">/.exec(page)?.[1];
  return href ? href.replace(/&amp;/g, "&") : null;
}

describe("error pages of a sign-in lead back to the application", () => {
  it("a form refused (no CSRF cookie) offers the client's redirect URI with access_denied and state", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const browser = new TestBrowser();
    const login = await openLogin(seeded, browser);
    // The browser lost its cookies between the page and its POST (e.g. a blocked cookie).
    browser.cookies.clear();
    const response = await post(browser, `/${seeded.issuer.id}/login`, {
      request_id: field(login.page, "request_id"),
      csrf_token: field(login.page, "csrf_token"),
      username: "alice@example.com",
      password: "whatever it is",
    });
    expect(response.status).toBe(403);
    const page = await response.text();
    const back = new URL(backLink(page) ?? "http://missing/");
    const redirectUri = seeded.web.client.settings.redirect_uris[0] as string;
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("st");
    expect(back.searchParams.get("iss")).toContain(seeded.issuer.id);
    expect(page).toContain(`Back to ${seeded.web.client.name}`);
  });

  it("a step the issuer no longer offers (email sign-in switched off) offers the way back too", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const browser = new TestBrowser();
    const login = await openLogin(seeded, browser);
    const response = await post(browser, `/${seeded.issuer.id}/login/email`, {
      request_id: field(login.page, "request_id"),
      csrf_token: field(login.page, "csrf_token"),
      username: "alice@example.com",
    });
    expect(response.status).toBe(400);
    const back = new URL(backLink(await response.text()) ?? "http://missing/");
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("state")).toBe("st");
  });
});
