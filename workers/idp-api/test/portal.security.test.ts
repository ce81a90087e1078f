import { env } from "cloudflare:workers";
import { grantConsent, listConsents } from "@authpi/domain/consents";
import { issuers } from "@authpi/domain/db";
import { relyingParty } from "@authpi/domain/passkeys";
import { listUserSessions } from "@authpi/domain/sessions";
import { getUser, listUserVerifiers } from "@authpi/domain/users";
import { seedIssuer } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { TestBrowser } from "./support/browser.ts";
import { loginWithCode, type Seeded } from "./support/login-flow.ts";
import { ageSignIn, portalPost, signIntoPortal } from "./support/portal.ts";
import { SoftwareAuthenticator } from "./support/software-authenticator.ts";

const bindings = env as unknown as Env;

async function setPortals(seeded: Seeded, portals: Record<string, unknown>) {
  await seeded.db
    .update(issuers)
    .set({
      settings: {
        ...seeded.issuer.settings,
        portals: { ...seeded.issuer.settings.portals, ...portals },
      },
    })
    .where(eq(issuers.id, seeded.issuer.id));
}

function sessionsOf(seeded: Seeded) {
  const ctx = {
    now: Date.now(),
    accountId: seeded.accountId,
    actor: { type: "system" as const, id: null },
    source: "core-api" as const,
  };
  return listUserSessions(
    { store: issuerStore(bindings, seeded.issuer.id), ctx },
    seeded.user.id,
    {},
  );
}

describe("portal: access", () => {
  it("sends a browser without a portal session to the hosted sign-in, GET and POST alike", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const base = `/${seeded.issuer.id}/account`;
    const browser = new TestBrowser();
    const page = await browser.fetch(base);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(`${base}/sign-in`);
    const start = await browser.fetch(`${base}/sign-in`);
    const authorize = new URL(start.headers.get("location") as string, "http://localhost");
    expect(authorize.pathname).toBe(`/${seeded.issuer.id}/authorize`);
    expect(authorize.searchParams.get("client_id")).toBe("authpi-account");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    const cookie = start.headers
      .getSetCookie()
      .find((c) => c.startsWith("authpi_account_sign_in="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toContain(`Path=${base}`);

    const posted = await portalPost(new TestBrowser(), `${base}/profile`, "x", { name: "Mallory" });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`${base}/sign-in`);
    const user = await getUser(seeded.db, seeded.issuer.id, seeded.user.id);
    expect(user.profile.name ?? null).toBeNull();
  });

  it("sets the portal cookie HttpOnly, SameSite=Lax, on the portal's path only, short-lived", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const browser = new TestBrowser();
    const original = browser.fetch.bind(browser);
    const setCookies: string[] = [];
    browser.fetch = async (url, init) => {
      const response = await original(url, init);
      setCookies.push(...response.headers.getSetCookie());
      return response;
    };
    await signIntoPortal(seeded, browser);
    const portal = setCookies.findLast((c) => c.startsWith("authpi_account=v1."));
    expect(portal).toMatch(/HttpOnly/i);
    expect(portal).toMatch(/SameSite=Lax/i);
    expect(portal).toContain(`Path=/${seeded.issuer.id}/account`);
    expect(portal).toMatch(/Max-Age=900/);
  });

  it("ends with the op session: after logout the portal cookie no longer opens the page", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base } = await signIntoPortal(seeded);
    const [session] = (await sessionsOf(seeded)).filter((s) => s.status === "active");
    await issuerStore(bindings, seeded.issuer.id).endSession(session?.id ?? "", "test", Date.now());
    const page = await browser.fetch(base);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(`${base}/sign-in`);
  });

  it("refuses a callback whose state is not this browser's, and a code the token endpoint is asked for", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const base = `/${seeded.issuer.id}/account`;
    const browser = new TestBrowser();
    await browser.fetch(`${base}/sign-in`);
    const forged = await browser.fetch(`${base}/callback?code=${"a".repeat(43)}&state=forged`);
    expect(forged.status).toBe(400);
    expect(browser.cookies.has("authpi_account")).toBe(false);

    const token = await new TestBrowser().fetch(`/${seeded.issuer.id}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: "authpi-account",
        code: "a".repeat(43),
        redirect_uri: `http://localhost:8787${base}/callback`,
      }),
    });
    expect(token.status).toBe(401);
  });

  it("is a 404 page when the issuer turned the profile page off, and redirects to its own page", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await setPortals(seeded, { enable_profile: false });
    const base = `/${seeded.issuer.id}/account`;
    for (const path of [base, `${base}/sign-in`, `${base}/callback?state=x`]) {
      const response = await new TestBrowser().fetch(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain("There is no account page here.");
    }
    const other = await seedIssuer(bindings.DB);
    await setPortals(other, { profile_page_url: "https://app.example.com/me" });
    const moved = await new TestBrowser().fetch(`/${other.issuer.id}/account`);
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe("https://app.example.com/me");
  });
});

describe("portal: forms", () => {
  it("refuses a POST without the session's CSRF token (403), changing nothing", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base } = await signIntoPortal(seeded);
    for (const csrf of ["", "A".repeat(43)]) {
      const refused = await portalPost(browser, `${base}/profile`, csrf, {
        name: "Mallory",
        picture: "",
      });
      expect(refused.status).toBe(403);
    }
    const user = await getUser(seeded.db, seeded.issuer.id, seeded.user.id);
    expect(user.profile.name ?? null).toBeNull();
  });

  it("refuses a picture that is not https", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base, csrf } = await signIntoPortal(seeded);
    for (const picture of ["http://images.example.com/a.png", "javascript:alert(1)"]) {
      const refused = await portalPost(browser, `${base}/profile`, csrf, { name: "A", picture });
      expect(refused.status).toBe(422);
    }
    const user = await getUser(seeded.db, seeded.issuer.id, seeded.user.id);
    expect(user.profile.picture ?? null).toBeNull();
  });

  it("refuses sensitive changes after a sign-in older than 5 minutes: a new sign-in first", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const other = await loginWithCode(seeded);
    const { browser, base } = await signIntoPortal(seeded);
    const { csrf, page } = await ageSignIn(browser, seeded, 5 * 60_000 + 1000);
    expect(page).toContain("Confirm it is you");
    expect(page).not.toContain('name="current_password"');
    const attempts: [string, Record<string, string>][] = [
      [
        "/password",
        { current_password: seeded.password, new_password: "Copper-Meadow-Glacier-63" },
      ],
      ["/sessions/end-others", {}],
      ["/totp", {}],
    ];
    for (const [path, body] of attempts) {
      const refused = await portalPost(browser, `${base}${path}`, csrf, body);
      expect(refused.status, path).toBe(303);
      expect(refused.headers.get("location")).toBe(`${base}/sign-in?step_up=1`);
    }
    const stepUp = await browser.fetch(`${base}/sign-in?step_up=1`);
    const authorize = new URL(stepUp.headers.get("location") as string, "http://localhost");
    expect(authorize.searchParams.get("prompt")).toBe("login");
    expect(authorize.searchParams.get("max_age")).toBe("0");
    const sessions = await sessionsOf(seeded);
    expect(sessions.find((s) => s.id === other.tokens.claims()?.sid)?.status).toBe("active");
    const verifiers = await listUserVerifiers(
      seeded.db,
      seeded.issuer.id,
      seeded.user.id,
      Date.now(),
    );
    expect(verifiers.map((v) => v.type)).toEqual(["password"]);
    // Within 5 minutes the same change goes through.
    const recent = await ageSignIn(browser, seeded, 4 * 60_000);
    const allowed = await portalPost(browser, `${base}/sessions/end-others`, recent.csrf);
    expect(allowed.headers.get("location")).toBe(`${base}?done=othersEnded`);
  });

  it("refuses another user's session, passkey and consent ids as not found", async () => {
    const mine = await seedIssuer(bindings.DB);
    const theirs = await seedIssuer(bindings.DB);
    const victim = await loginWithCode(theirs);
    const victimSid = victim.tokens.claims()?.sid as string;
    const rp = relyingParty("http://localhost:8787", "", "AuthPI");
    const { passkeyRegistrationOptions, registerPasskey } = await import("@authpi/domain/passkeys");
    const deps = {
      db: theirs.db,
      rp,
      challenges: issuerStore(bindings, theirs.issuer.id),
      issuerId: theirs.issuer.id,
    };
    const options = await passkeyRegistrationOptions(deps, theirs.user.id, Date.now());
    const key = await registerPasskey(deps, theirs.ctx, theirs.user.id, {
      response: await new SoftwareAuthenticator(rp.origin, rp.id).create(options),
      name: "their laptop",
    });
    await grantConsent(
      theirs.db,
      theirs.ctx,
      theirs.issuer.id,
      theirs.user.id,
      theirs.web.client.id,
      ["openid"],
    );

    const { browser, base, csrf } = await signIntoPortal(mine);
    const attempts: [string, Record<string, string>][] = [
      ["/sessions/end", { session_id: victimSid }],
      ["/passkeys/rename", { verifier_id: key.id, name: "mine now" }],
      ["/passkeys/remove", { verifier_id: key.id }],
      ["/apps/remove", { client_id: theirs.web.client.id }],
    ];
    for (const [path, body] of attempts) {
      const refused = await portalPost(browser, `${base}${path}`, csrf, body);
      expect(refused.status, path).toBe(404);
    }
    expect((await sessionsOf(theirs)).find((s) => s.id === victimSid)?.status).toBe("active");
    const verifiers = await listUserVerifiers(
      theirs.db,
      theirs.issuer.id,
      theirs.user.id,
      Date.now(),
    );
    expect(verifiers.find((v) => v.id === key.id)?.name).toBe("their laptop");
    expect(await listConsents(theirs.db, theirs.issuer.id, theirs.user.id)).toHaveLength(1);
  });
});
