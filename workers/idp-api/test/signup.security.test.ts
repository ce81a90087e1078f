import { users } from "@authpi/domain/db";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.ts";
import { field, openLogin, post } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";
import {
  callbackOf,
  comparable,
  eventTypes,
  openSignup,
  seedSignupIssuer,
  submitCode,
  submitSignup,
} from "./support/signup-flow.ts";

let mail: ReturnType<typeof captureMail> | undefined;
afterEach(() => mail?.restore());

type Seeded = Awaited<ReturnType<typeof seedSignupIssuer>>;

async function userCount(seeded: Seeded) {
  return (await seeded.db.select().from(users).where(eq(users.issuerId, seeded.issuer.id))).length;
}

/** Signs up `email` in a fresh browser; the answer, its page, and what the next forms need. */
async function signUp(seeded: Seeded, email: string) {
  const { browser, page } = await openSignup(seeded, new TestBrowser());
  const response = await submitSignup(seeded, browser, page, { email });
  return { browser, response, page: await response.text() };
}

/** Presses "Send a new code" on a "check your email" page. */
async function resend(seeded: Seeded, browser: TestBrowser, page: string) {
  const response = await post(browser, `/${seeded.issuer.id}/verify-email/resend`, {
    request_id: field(page, "request_id"),
    csrf_token: field(page, "csrf_token"),
  });
  return { status: response.status, page: await response.text() };
}

// docs/decisions/signup.md, "An address that already has an account".
describe("signup: no enumeration of registered addresses", () => {
  it("with verification required, an existing address gets the same page as a new one, no email, nothing written", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const fresh = await signUp(seeded, "fresh@example.com");
    await mail.nth(1);
    const usersBefore = await userCount(seeded);
    const eventsBefore = (await eventTypes(seeded)).length;

    const existing = await signUp(seeded, "alice@example.com");
    expect(existing.response.status).toBe(fresh.response.status);
    expect(existing.response.status).toBe(200);
    expect(comparable(existing.page, "alice@example.com")).toBe(
      comparable(fresh.page, "fresh@example.com"),
    );
    expect(await userCount(seeded)).toBe(usersBefore);
    expect((await eventTypes(seeded)).length).toBe(eventsBefore);
    expect((await mail.all()).map((m) => m.to)).toEqual(["fresh@example.com"]);
  });

  it("the next steps answer alike too: a resend within the minute, then wrong codes up to the lockout", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const fresh = await signUp(seeded, "second@example.com");
    const existing = await signUp(seeded, "alice@example.com");

    const freshResend = await resend(seeded, fresh.browser, fresh.page);
    const existingResend = await resend(seeded, existing.browser, existing.page);
    expect(existingResend.status).toBe(freshResend.status);
    expect(comparable(existingResend.page, "alice@example.com")).toBe(
      comparable(freshResend.page, "second@example.com"),
    );

    for (let attempt = 1; attempt <= 6; attempt++) {
      const a = await submitCode(seeded, fresh.browser, fresh.page, "000000");
      const b = await submitCode(seeded, existing.browser, existing.page, "000000");
      expect(b.status, `attempt ${attempt}`).toBe(a.status);
      // Five wrong codes lock the new account's codes; the stand-in locks alike.
      expect(a.status, `attempt ${attempt}`).toBe(attempt < 5 ? 400 : 403);
      expect(comparable(await b.text(), "alice@example.com")).toBe(
        comparable(await a.text(), "second@example.com"),
      );
    }
    // Only the new account was mailed, once.
    expect((await mail.all()).map((m) => m.to)).toEqual(["second@example.com"]);
  });

  it("an existing address never gets a code for the authorization request, whatever is typed", async () => {
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const existing = await signUp(seeded, "alice@example.com");
    for (const code of ["123456", "000000", ""]) {
      const answer = await submitCode(seeded, existing.browser, existing.page, code);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.headers.get("location")).toBeNull();
    }
  });

  it("without verification, a new address is signed in while an existing one gets the 'check your email' page and no session", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer();
    const fresh = await openSignup(seeded, new TestBrowser());
    callbackOf(
      seeded,
      await submitSignup(seeded, fresh.browser, fresh.page, { email: "n@example.com" }),
    );
    const existing = await signUp(seeded, "alice@example.com");
    expect(existing.response.status).toBe(200);
    expect(existing.page).toContain("<h1>Check your email</h1>");
    expect(existing.browser.cookies.has("authpi_session")).toBe(false);
    expect(await mail.all()).toEqual([]);
  });
});

describe("signup: refused requests", () => {
  it("refuses a form without the browser's CSRF token (403), and creates nobody", async () => {
    const seeded = await seedSignupIssuer();
    const { browser, page } = await openSignup(seeded);
    const before = await userCount(seeded);
    const forged = await submitSignup(seeded, browser, page, {
      email: "forged@example.com",
      csrf_token: "x".repeat(43),
    });
    expect(forged.status).toBe(403);
    // Another browser (no CSRF cookie) replaying the form is refused the same way.
    const other = new TestBrowser();
    const replayed = await submitSignup(seeded, other, page, { email: "forged@example.com" });
    expect(replayed.status).toBe(403);
    expect(await userCount(seeded)).toBe(before);
  });

  it("refuses a posted signup when signup is off, even with a well-formed form", async () => {
    const seeded = await seedSignupIssuer({ allow_new_users: false });
    const login = await openLogin(seeded);
    const before = await userCount(seeded);
    const answer = await submitSignup(seeded, login.browser, login.page, {
      email: "late@example.com",
    });
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("Signup is not available");
    expect(await userCount(seeded)).toBe(before);
  });

  it("refuses a signup page without a live authorization request", async () => {
    const seeded = await seedSignupIssuer();
    const browser = new TestBrowser();
    const none = await browser.fetch(`/${seeded.issuer.id}/signup`);
    expect(none.status).toBe(400);
    const bogus = await browser.fetch(`/${seeded.issuer.id}/signup?request_id=nope`);
    expect(bogus.status).toBe(400);
  });

  it("an invitation-only issuer (allow_new_users false) shows no signup even when enable_signup is on", async () => {
    const seeded = await seedSignupIssuer({
      allow_new_users: false,
      portals: { enable_signup: true },
    });
    const login = await openLogin(seeded);
    expect(login.page).not.toContain("/signup?");
  });
});
