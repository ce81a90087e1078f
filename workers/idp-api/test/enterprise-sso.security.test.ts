import { env } from "cloudflare:workers";
import { events, users } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { enableEmailSignIn } from "./support/email-link.ts";
import { field, openLogin, post } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";
import { openSignup, seedSignupIssuer, submitSignup } from "./support/signup-flow.ts";
import { freshHost, ssoOrganization, userAt } from "./support/sso-org.ts";

const bindings = env as unknown as Env;
const KEY = bindings.KEY_ENCRYPTION_SECRET;
let mail: ReturnType<typeof captureMail>;
afterEach(() => mail?.restore());

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

async function signIn(seeded: Seeded, username: string) {
  const { browser, page } = await openLogin(seeded, new TestBrowser());
  return browser.submitLogin(seeded.issuer.id, page, username, seeded.password);
}

/** A seeded issuer with a user at a fresh domain that an organization of `options` claims. */
async function seededWithSso(options: { ssoOnly: boolean; verified?: boolean; name?: string }) {
  const seeded = await seedIssuer(bindings.DB);
  const host = freshHost();
  await userAt(seeded, host);
  await ssoOrganization(seeded, KEY, { host, ...options });
  return { seeded, host, username: `alice@${host}` };
}

describe("enterprise SSO: sso_only refuses the issuer's own sign-in", () => {
  it("refuses the right password of an SSO-only domain's user, before checking it", async () => {
    const { seeded, host } = await seededWithSso({ ssoOnly: true, name: "Example Inc" });
    const refused = await signIn(seeded, `Alice@${host.toUpperCase()}`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("location")).toBeNull();
    const page = await refused.text();
    expect(page).toContain("Example Inc signs you in with single sign-on");
    expect(page).toContain("Continue with single sign-on");
    const failures = await seeded.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.issuerId, seeded.issuer.id), like(events.type, "user.%")));
    expect(failures.map((e) => e.type)).not.toContain("user.verification.failed");
    // The issuer's other users keep their passwords.
    expect((await signIn(seeded, "alice@example.com")).status).toBe(303);
  });

  it("refuses an email code for an SSO-only domain and sends no mail", async () => {
    const { seeded, username } = await seededWithSso({ ssoOnly: true });
    await enableEmailSignIn(seeded, KEY);
    mail = captureMail();
    const { browser, page } = await openLogin(seeded);
    const response = await post(browser, `/${seeded.issuer.id}/login/email`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      username,
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("signs you in with single sign-on");
    expect(mail.count()).toBe(0);
  });

  it("refuses a password reset for an SSO-only domain and sends no mail, known user or not", async () => {
    const { seeded, host, username } = await seededWithSso({ ssoOnly: true, name: "Example Inc" });
    mail = captureMail();
    for (const email of [username, `nobody@${host}`]) {
      const browser = new TestBrowser();
      const page = await (await browser.fetch(`/${seeded.issuer.id}/forgot-password`)).text();
      const response = await post(browser, `/${seeded.issuer.id}/forgot-password`, {
        csrf_token: field(page, "csrf_token"),
        email,
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Example Inc signs you in with single sign-on");
    }
    expect(mail.count()).toBe(0);
  });

  it("keeps password sign-in where the claim is unverified, SSO is optional, or another issuer claims the domain", async () => {
    const unverified = await seededWithSso({ ssoOnly: true, verified: false });
    expect((await signIn(unverified.seeded, unverified.username)).status).toBe(303);

    const optional = await seededWithSso({ ssoOnly: false });
    expect((await signIn(optional.seeded, optional.username)).status).toBe(303);

    const theirs = await seededWithSso({ ssoOnly: true });
    const mine = await seedIssuer(bindings.DB);
    await userAt(mine, theirs.host);
    expect((await signIn(mine, theirs.username)).status).toBe(303);
    expect((await signIn(theirs.seeded, theirs.username)).status).toBe(403);
  });

  it("refuses a hosted signup with a password for an SSO-only domain, and creates no user", async () => {
    const seeded = await seedSignupIssuer();
    const host = freshHost("initech");
    await ssoOrganization(seeded, KEY, { host, ssoOnly: true });
    const { browser, page } = await openSignup(seeded);
    const email = `peter@${host}`;
    const response = await submitSignup(seeded, browser, page, { email });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("signs you in with single sign-on");
    const created = await seeded.db.select().from(users).where(eq(users.username, email));
    expect(created).toEqual([]);
  });
});
