import { events } from "@authpi/domain/db";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.ts";
import { field, pathOf, post } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";
import {
  callbackOf,
  eventTypes,
  openSignup,
  redeem,
  seedSignupIssuer,
  submitCode,
  submitSignup,
} from "./support/signup-flow.ts";

let mail: ReturnType<typeof captureMail>;
afterEach(() => mail?.restore());

type Seeded = Awaited<ReturnType<typeof seedSignupIssuer>>;

/** Signup on an issuer requiring verification: the "check your email" page and the email. */
async function signUpPending(seeded: Seeded, email: string, browser = new TestBrowser()) {
  const opened = await openSignup(seeded, browser);
  const shown = await submitSignup(seeded, browser, opened.page, { email });
  expect(shown.status).toBe(200);
  const page = await shown.text();
  expect(page).toContain("<h1>Check your email</h1>");
  return { browser, page };
}

describe("email verification (docs/decisions/signup.md)", () => {
  it("the typed code verifies the email and the sign-in ends at the client: email_verified in the ID token and userinfo", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { browser, page } = await signUpPending(seeded, "code@example.com");
    const sent = await mail.nth(1);
    expect(sent).toMatchObject({ template: "email-verification", to: "code@example.com" });
    expect(sent.values.link).toMatch(/\/verify-email\?token=[A-Za-z0-9_-]{43}$/);

    // Spaces and dashes a person may type are ignored.
    const code = sent.values.code as string;
    const done = await submitCode(seeded, browser, page, `${code.slice(0, 3)} ${code.slice(3)}`);
    const callback = callbackOf(seeded, done);
    const { claims, userinfo } = await redeem(seeded, callback);
    expect(claims.email).toBe("code@example.com");
    expect(claims.email_verified).toBe(true);
    expect(userinfo).toMatchObject({ sub: claims.sub, email_verified: true });

    const verified = await seeded.db
      .select()
      .from(events)
      .where(eq(events.type, "user.verification.succeeded"));
    // The sign-in writes its own (`method: "password"`); the email's is the one with `method: "email"`.
    const mine = verified.filter((e) => e.subjectId === claims.sub).map((e) => e.data);
    expect(mine).toContainEqual({ method: "email", email: "code@example.com" });
    expect(mine.filter((d) => (d as { method: string }).method === "email")).toHaveLength(1);
  });

  it("the link, opened in the browser that signed up, continues the authorization request", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { browser } = await signUpPending(seeded, "link@example.com");
    const link = pathOf((await mail.nth(1)).values.link as string);
    const done = await browser.fetch(link);
    const { claims } = await redeem(seeded, callbackOf(seeded, done));
    expect(claims.email_verified).toBe(true);
    expect(await eventTypes(seeded)).toContain("user.verification.succeeded");
  });

  it("the link opened elsewhere verifies and says so; the waiting browser then goes on with any code", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { browser, page } = await signUpPending(seeded, "phone@example.com");
    const link = pathOf((await mail.nth(1)).values.link as string);
    const elsewhere = await new TestBrowser().fetch(link);
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get("location")).toBeNull();
    expect(await elsewhere.text()).toContain("Email verified");
    // Back in the first browser: nothing left to prove, the request continues.
    const done = await submitCode(seeded, browser, page, "000000");
    const { claims } = await redeem(seeded, callbackOf(seeded, done));
    expect(claims.email_verified).toBe(true);
  });

  it("'Send a new code' within the first minute is refused, says when to try again, and mails nothing", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { browser, page } = await signUpPending(seeded, "resend@example.com");
    const first = await mail.nth(1);
    // A resend within the first minute is refused, and says when to try again.
    const early = await post(browser, `/${seeded.issuer.id}/verify-email/resend`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
    });
    expect(early.status).toBe(200);
    expect(await early.text()).toContain("You can ask for a new code in a minute.");
    expect(mail.count()).toBe(1);
    expect(first.values.code).toMatch(/^\d{6}$/);
  });

  it("an existing user with an unverified email is asked to verify at sign-in, before any code", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { openLogin } = await import("./support/journeys.ts");
    const login = await openLogin(seeded);
    const answer = await login.browser.submitLogin(
      seeded.issuer.id,
      login.page,
      "alice@example.com",
      seeded.password,
    );
    expect(answer.status).toBe(200);
    const page = await answer.text();
    expect(page).toContain("<h1>Check your email</h1>");
    const sent = await mail.nth(1);
    expect(sent.to).toBe("alice@example.com");
    const done = await submitCode(seeded, login.browser, page, sent.values.code as string);
    const { claims } = await redeem(seeded, callbackOf(seeded, done));
    expect(claims.sub).toBe(seeded.user.id);
    expect(claims.email_verified).toBe(true);
  });
});
