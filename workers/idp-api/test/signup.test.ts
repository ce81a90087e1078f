import { memberships, organizations, users } from "@authpi/domain/db";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.ts";
import { field, openLogin } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";
import {
  callbackOf,
  eventTypes,
  openSignup,
  redeem,
  STRONG,
  seedSignupIssuer,
  signupLinkOf,
  submitSignup,
} from "./support/signup-flow.ts";

let mail: ReturnType<typeof captureMail> | undefined;
afterEach(() => mail?.restore());

type Seeded = Awaited<ReturnType<typeof seedSignupIssuer>>;

function userByEmail(seeded: Seeded, email: string) {
  return seeded.db.query.users.findFirst({
    where: and(eq(users.issuerId, seeded.issuer.id), eq(users.username, email)),
  });
}

describe("signup: the page (docs/signup.md)", () => {
  it("is linked from the login page and asks for the email, a new password and an optional name", async () => {
    const seeded = await seedSignupIssuer();
    const { response, page } = await openSignup(seeded);
    expect(response.status).toBe(200);
    expect(page).toContain("<h1>Create your");
    expect(page).toContain('autocomplete="email"');
    expect(page).toContain('autocomplete="new-password"');
    expect(page).toContain('<label for="name">Name (optional)</label>');
    expect(page).not.toMatch(/id="name"[^>]*required/);
    expect(page).toContain(`action="/${seeded.issuer.id}/signup"`);
  });

  for (const [what, settings] of [
    ["allow_new_users is false", { allow_new_users: false }],
    ["portals.enable_signup is false", { portals: { enable_signup: false } }],
  ] as const) {
    it(`is hidden and refused with a 403 page when ${what}`, async () => {
      const seeded = await seedSignupIssuer(settings);
      const login = await openLogin(seeded);
      expect(login.status).toBe(200);
      expect(signupLinkOf(login.page)).toBeNull();
      expect(login.page).not.toContain("Create an account");
      const requestId = field(login.page, "request_id");
      const shown = await login.browser.fetch(
        `/${seeded.issuer.id}/signup?${new URLSearchParams({ request_id: requestId })}`,
      );
      expect(shown.status).toBe(403);
      expect(await shown.text()).toContain("Signup is not available");
    });
  }

  it("sends people to the issuer's own page when portals.signup_page_url is set", async () => {
    const own = "https://app.example.com/register";
    const seeded = await seedSignupIssuer({ portals: { signup_page_url: own } });
    const login = await openLogin(seeded);
    expect(login.page).toContain(`href="${own}"`);
    const requestId = field(login.page, "request_id");
    const shown = await login.browser.fetch(
      `/${seeded.issuer.id}/signup?${new URLSearchParams({ request_id: requestId })}`,
    );
    expect(shown.status).toBe(303);
    expect(shown.headers.get("location")).toBe(own);
  });
});

describe("signup: creating the account", () => {
  it("creates the user and continues the original authorization request: a code for the same client and state", async () => {
    const seeded = await seedSignupIssuer();
    const { browser, page } = await openSignup(seeded);
    const done = await submitSignup(seeded, browser, page, {
      email: "New.Person@Example.com",
      name: "New Person",
    });
    const callback = callbackOf(seeded, done);
    expect(callback.searchParams.get("code")).toBeTruthy();

    const user = await userByEmail(seeded, "new.person@example.com");
    expect(user?.profile).toMatchObject({ name: "New Person", email_verified: false });
    const { claims } = await redeem(seeded, callback);
    expect(claims.sub).toBe(user?.id);
    expect(claims.aud).toBe(seeded.web.client.id);
    expect(claims.email).toBe("new.person@example.com");
    expect(claims.email_verified).toBe(false);
    expect(await eventTypes(seeded)).toContain("user.created");
  });

  it("takes a signup without a name", async () => {
    const seeded = await seedSignupIssuer();
    const { browser, page } = await openSignup(seeded);
    const done = await submitSignup(seeded, browser, page, { email: "noname@example.com" });
    callbackOf(seeded, done);
    const user = await userByEmail(seeded, "noname@example.com");
    expect(user).toBeTruthy();
    expect(user?.profile.name).toBeUndefined();
  });

  it("refuses a weak password inline with the strength library's advice, and a too-short one", async () => {
    const seeded = await seedSignupIssuer();
    const { browser, page } = await openSignup(seeded);
    const weak = await submitSignup(seeded, browser, page, {
      email: "weak@example.com",
      password: "password1234",
    });
    expect(weak.status).toBe(422);
    const weakPage = await weak.text();
    expect(weakPage).toContain("This password is too easy to guess.");
    expect(weakPage).toMatch(/<div class="error" role="alert"><p>[^<]+<\/p><ul><li>/);
    // The form comes back filled in, ready for a better password.
    expect(weakPage).toContain('value="weak@example.com"');

    const short = await submitSignup(seeded, browser, weakPage, {
      email: "weak@example.com",
      password: "Qx7#t",
    });
    expect(short.status).toBe(422);
    expect(await short.text()).toMatch(/Use at least \d+ characters\./);
    expect(await userByEmail(seeded, "weak@example.com")).toBeUndefined();
  });

  it("refuses a password that is the email address itself", async () => {
    const seeded = await seedSignupIssuer();
    const { browser, page } = await openSignup(seeded);
    const email = "mirror.person.q@example.com";
    const answer = await submitSignup(seeded, browser, page, { email, password: email });
    expect(answer.status).toBe(422);
    expect(await userByEmail(seeded, email)).toBeUndefined();
  });

  it("accepts only the listed email domains, exactly (no subdomains), in any case", async () => {
    const seeded = await seedSignupIssuer({
      signup: { allowed_email_domains: ["example.org"] },
    });
    for (const email of ["bob@example.com", "bob@sub.example.org", "bob@example.org.evil.com"]) {
      const { browser, page } = await openSignup(seeded);
      const refused = await submitSignup(seeded, browser, page, { email });
      expect(refused.status, email).toBe(403);
      expect(await refused.text()).toContain("Email domain not allowed");
      expect(await userByEmail(seeded, email)).toBeUndefined();
    }
    const { browser, page } = await openSignup(seeded);
    callbackOf(seeded, await submitSignup(seeded, browser, page, { email: "Bob@Example.ORG" }));
    expect(await userByEmail(seeded, "bob@example.org")).toBeTruthy();
  });

  it("with create_new_org_on_signup, also creates an organization with the user as its member", async () => {
    const seeded = await seedSignupIssuer({ create_new_org_on_signup: true });
    const { browser, page } = await openSignup(seeded);
    const done = await submitSignup(seeded, browser, page, {
      email: "founder@example.com",
      name: "Founder Person",
    });
    callbackOf(seeded, done);
    const user = await userByEmail(seeded, "founder@example.com");
    const orgs = await seeded.db
      .select()
      .from(organizations)
      .where(eq(organizations.issuerId, seeded.issuer.id));
    expect(orgs.map((o) => o.name)).toEqual(["Founder Person"]);
    const members = await seeded.db
      .select()
      .from(memberships)
      .where(eq(memberships.orgId, orgs[0]?.id as string));
    expect(members.map((m) => m.memberId)).toEqual([user?.id]);
    const types = await eventTypes(seeded);
    expect(types).toEqual(
      expect.arrayContaining([
        "user.created",
        "organization.created",
        "organization.membership.created",
      ]),
    );
  });

  it("without create_new_org_on_signup, creates no organization", async () => {
    const seeded = await seedSignupIssuer();
    const { browser, page } = await openSignup(seeded);
    callbackOf(seeded, await submitSignup(seeded, browser, page, { email: "solo@example.com" }));
    const orgs = await seeded.db
      .select()
      .from(organizations)
      .where(eq(organizations.issuerId, seeded.issuer.id));
    expect(orgs).toEqual([]);
  });
});

describe("signup with verification required", () => {
  it("issues no code until the email is verified: a 'check your email' page and one email", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { browser, page } = await openSignup(seeded);
    const shown = await submitSignup(seeded, browser, page, { email: "pending@example.com" });
    expect(shown.status).toBe(200);
    expect(shown.headers.get("location")).toBeNull();
    const verify = await shown.text();
    expect(verify).toContain("<h1>Check your email</h1>");
    expect(verify).toContain('autocomplete="one-time-code"');
    const sent = await mail.nth(1);
    expect(sent).toMatchObject({ template: "email-verification", to: "pending@example.com" });
    expect(sent.values.code).toMatch(/^\d{6}$/);

    // The same account signing in again, in a fresh browser, is also held at verification.
    const again = await openLogin(seeded, new TestBrowser());
    const answer = await again.browser.submitLogin(
      seeded.issuer.id,
      again.page,
      "pending@example.com",
      STRONG,
    );
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("<h1>Check your email</h1>");
  });
});

describe("signup in the language the request asks for", () => {
  it("with ui_locales=fr, the login link and the signup page are in French", async () => {
    const seeded = await seedSignupIssuer();
    const browser = new TestBrowser();
    const params = new URLSearchParams({
      client_id: seeded.web.client.id,
      redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
      response_type: "code",
      scope: "openid email",
      state: "st",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      ui_locales: "fr",
    });
    const login = await (await browser.fetch(`/${seeded.issuer.id}/authorize?${params}`)).text();
    expect(login).toContain('<html lang="fr">');
    expect(login).toContain(">Créer un compte</a>");
    const page = await (await browser.fetch(signupLinkOf(login) as string)).text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain("<h1>Créez votre compte");
  });
});
