import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { TestBrowser } from "./support/browser.ts";
import { field, openLogin, pathOf, post } from "./support/journeys.ts";
import { loginWithCode } from "./support/login-flow.ts";
import { captureMail } from "./support/mail-capture.ts";

const bindings = env as unknown as Env;
let mail: ReturnType<typeof captureMail>;
afterEach(() => mail?.restore());

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

/** From the login page: "Forgot password?", the address, the email's link. */
async function askForReset(seeded: Seeded, browser: TestBrowser, email: string) {
  const login = await openLogin(seeded, browser);
  const forgot = /href="([^"]*forgot-password[^"]*)"/.exec(login.page)?.[1]?.replace(/&amp;/g, "&");
  expect(forgot, "the login page links to forgot-password").toBeTruthy();
  const page = await (await browser.fetch(forgot as string)).text();
  expect(page).toContain('autocomplete="email"');
  return post(browser, `/${seeded.issuer.id}/forgot-password`, {
    csrf_token: field(page, "csrf_token"),
    request_id: field(page, "request_id"),
    email,
  });
}

describe("password reset", () => {
  it("emails a link; the new password signs in, the old one and every old session stop", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    const before = await loginWithCode(seeded);
    const refresh = before.tokens.refresh_token as string;

    const browser = new TestBrowser();
    const sent = await askForReset(seeded, browser, "alice@example.com");
    expect(sent.status).toBe(200);
    const email = await mail.nth(1);
    expect(email).toMatchObject({ template: "password-reset", to: "alice@example.com" });
    const link = pathOf(email.values.link as string);

    const page = await (await browser.fetch(link)).text();
    expect(page).toContain('autocomplete="new-password"');
    const done = await post(browser, `/${seeded.issuer.id}/forgot-password/reset`, {
      csrf_token: field(page, "csrf_token"),
      token: field(page, "token"),
      password: "Copper-Meadow-Glacier-63",
    });
    expect(done.status).toBe(200);
    const signIn = await done.text();
    expect(signIn).toContain("Your password was changed");
    expect(signIn).toContain('value="alice@example.com"');

    // The sign-in it came from continues: the new password gets the client its code.
    const answer = await browser.submitLogin(
      seeded.issuer.id,
      signIn,
      "alice@example.com",
      "Copper-Meadow-Glacier-63",
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toContain("code=");

    const other = await openLogin(seeded, new TestBrowser());
    const old = await other.browser.submitLogin(
      seeded.issuer.id,
      other.page,
      "alice@example.com",
      seeded.password,
    );
    expect(old.status).toBe(401);

    const store = issuerStore(bindings, seeded.issuer.id);
    const sessions = await store.listSessions({ userId: seeded.user.id }, Date.now());
    const live = sessions.filter((s) => s.status === "active");
    expect(live).toHaveLength(1);
    expect(sessions.filter((s) => s.endedReason === "password_reset").length).toBeGreaterThan(1);
    const refreshed = await fetchRefresh(seeded, refresh);
    expect(refreshed.status).toBe(400);

    const types = (
      await seeded.db
        .select()
        .from(events)
        .where(and(eq(events.issuerId, seeded.issuer.id)))
    ).map((e) => e.type);
    expect(types).toContain("user.password.reset");
    expect(types.filter((t) => t === "session.terminated").length).toBeGreaterThan(1);
  });

  it("the link works once", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    const browser = new TestBrowser();
    await askForReset(seeded, browser, "alice@example.com");
    const link = pathOf((await mail.nth(1)).values.link as string);
    const page = await (await browser.fetch(link)).text();
    const form = { csrf_token: field(page, "csrf_token"), token: field(page, "token") };
    const path = `/${seeded.issuer.id}/forgot-password/reset`;
    expect(
      (await post(browser, path, { ...form, password: "Violet-Harbor-Sprocket-17" })).status,
    ).toBe(200);
    expect(
      (await post(browser, path, { ...form, password: "Amber-Tundra-Falcon-48" })).status,
    ).toBe(410);
    expect((await browser.fetch(link)).status).toBe(410);
  });
});

async function fetchRefresh(seeded: Seeded, refreshToken: string) {
  const { postForm } = await import("./support/raw-flow.ts");
  return postForm(
    `/${seeded.issuer.id}/token`,
    { grant_type: "refresh_token", refresh_token: refreshToken },
    { id: seeded.web.client.id, secret: seeded.web.secret },
  );
}
