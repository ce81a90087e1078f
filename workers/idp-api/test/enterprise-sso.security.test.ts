import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { enableEmailSignIn } from "./support/email-link.ts";
import { field, openLogin, post } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";
import { ssoOrganization } from "./support/sso-org.ts";

const bindings = env as unknown as Env;
const KEY = bindings.KEY_ENCRYPTION_SECRET;
let mail: ReturnType<typeof captureMail>;
afterEach(() => mail?.restore());

async function signIn(seeded: Awaited<ReturnType<typeof seedIssuer>>, username: string) {
  const { browser, page } = await openLogin(seeded, new TestBrowser());
  return browser.submitLogin(seeded.issuer.id, page, username, seeded.password);
}

describe("enterprise SSO: sso_only refuses the issuer's own sign-in", () => {
  it("refuses the right password of an SSO-only domain's user, before checking it", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await ssoOrganization(seeded, KEY, { host: "example.com", ssoOnly: true, name: "Example Inc" });
    const refused = await signIn(seeded, "Alice@Example.com");
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
  });

  it("refuses an email code for an SSO-only domain and sends no mail", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await enableEmailSignIn(seeded, KEY);
    await ssoOrganization(seeded, KEY, { host: "example.com", ssoOnly: true });
    mail = captureMail();
    const { browser, page } = await openLogin(seeded);
    const response = await post(browser, `/${seeded.issuer.id}/login/email`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      username: "alice@example.com",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("signs you in with single sign-on");
    expect(mail.count()).toBe(0);
  });

  it("keeps password sign-in where the claim is unverified, SSO is optional, or another issuer claims the domain", async () => {
    const unverified = await seedIssuer(bindings.DB);
    await ssoOrganization(unverified, KEY, { host: "example.com", ssoOnly: true, verified: false });
    expect((await signIn(unverified, "alice@example.com")).status).toBe(303);

    const optional = await seedIssuer(bindings.DB);
    await ssoOrganization(optional, KEY, { host: "example.com", ssoOnly: false });
    expect((await signIn(optional, "alice@example.com")).status).toBe(303);

    const mine = await seedIssuer(bindings.DB);
    const theirs = await seedIssuer(bindings.DB);
    await ssoOrganization(theirs, KEY, { host: "example.com", ssoOnly: true });
    expect((await signIn(mine, "alice@example.com")).status).toBe(303);
    expect((await signIn(theirs, "alice@example.com")).status).toBe(403);
  });
});
