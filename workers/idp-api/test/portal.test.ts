import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { passwordMatches } from "@authpi/domain/login";
import { listUserSessions } from "@authpi/domain/sessions";
import { getUser, listUserVerifiers } from "@authpi/domain/users";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { TestBrowser } from "./support/browser.ts";
import { field } from "./support/journeys.ts";
import { loginWithCode, type Seeded } from "./support/login-flow.ts";
import { portalPost, signIntoPortal } from "./support/portal.ts";
import { SoftwareAuthenticator } from "./support/software-authenticator.ts";
import { totpCode } from "./support/totp.ts";

// The Core API worker is not in this pool: each change is read back through the domain
// functions its routes call (GET /users/{id} → getUser, /verifiers → listUserVerifiers,
// /sessions → listUserSessions, /events → the events table).
const bindings = env as unknown as Env;

function coreApiCtx(seeded: Seeded) {
  return {
    store: issuerStore(bindings, seeded.issuer.id),
    ctx: {
      now: Date.now(),
      accountId: seeded.accountId,
      actor: { type: "system" as const, id: null },
      source: "core-api" as const,
    },
  };
}

async function eventTypes(seeded: Seeded, subjectId: string) {
  const rows = await seeded.db
    .select()
    .from(events)
    .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.subjectId, subjectId)));
  return rows.map((row) => ({ type: row.type, source: row.source, actor: row.actorId }));
}

describe("the user portal", () => {
  it("signs in through the hosted sign-in and shows every section", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { page, browser } = await signIntoPortal(seeded);
    expect(page).toContain("Signed in as alice@example.com");
    for (const heading of ["Profile", "Email address", "Password", "Where you are signed in"]) {
      expect(page).toContain(heading);
    }
    expect(page).toContain("This device");
    const cookie = browser.cookies.get("authpi_account");
    expect(cookie).toMatch(/^v1\./);
  });

  it("saves the name and an https picture; the Core API shows them with user.updated", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base, csrf } = await signIntoPortal(seeded);
    const saved = await portalPost(browser, `${base}/profile`, csrf, {
      name: "Alice Liddell",
      picture: "https://images.example.com/alice.png",
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${base}?done=profile`);
    const user = await getUser(seeded.db, seeded.issuer.id, seeded.user.id);
    expect(user.profile).toMatchObject({
      name: "Alice Liddell",
      picture: "https://images.example.com/alice.png",
    });
    expect(await eventTypes(seeded, seeded.user.id)).toContainEqual({
      type: "user.updated",
      source: "idp-api",
      actor: seeded.user.id,
    });
    const shown = await (await browser.fetch(`${base}?done=profile`)).text();
    expect(shown).toContain("Your profile was saved.");
    expect(shown).toContain('value="Alice Liddell"');
  });

  it("changes the password with the current one; other sessions end, this one stays", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const other = await loginWithCode(seeded);
    const { browser, base, csrf } = await signIntoPortal(seeded);

    const wrong = await portalPost(browser, `${base}/password`, csrf, {
      current_password: "not my password",
      new_password: "Copper-Meadow-Glacier-63",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("The current password is not right.");
    const weak = await portalPost(browser, `${base}/password`, csrf, {
      current_password: seeded.password,
      new_password: "password1",
    });
    expect(weak.status).toBe(422);

    const changed = await portalPost(browser, `${base}/password`, csrf, {
      current_password: seeded.password,
      new_password: "Copper-Meadow-Glacier-63",
    });
    expect(changed.status).toBe(303);
    const user = await getUser(seeded.db, seeded.issuer.id, seeded.user.id);
    expect(await passwordMatches(seeded.db, user, "Copper-Meadow-Glacier-63")).toBe(true);
    expect(await passwordMatches(seeded.db, user, seeded.password)).toBe(false);

    const sessions = await listUserSessions(coreApiCtx(seeded), seeded.user.id, {});
    const otherOp = sessions.find((s) => s.id === other.tokens.claims()?.sid);
    expect(otherOp?.status).toBe("revoked");
    expect(sessions.filter((s) => s.type === "op" && s.status === "active")).toHaveLength(1);
    expect((await eventTypes(seeded, seeded.user.id)).map((e) => e.type)).toContain(
      "user.password.changed",
    );
    // The portal itself still works.
    expect((await browser.fetch(base)).status).toBe(200);
  });

  it("adds an authenticator app (QR code, confirm, backup codes once), regenerates and removes", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base, csrf } = await signIntoPortal(seeded);
    const started = await portalPost(browser, `${base}/totp`, csrf);
    expect(started.status).toBe(200);
    const setup = await started.text();
    expect(setup).toContain('class="qr"');
    // The secret is shown in groups of four (one element each): the text without tags or spaces.
    const shown = /<code id="secret"[^>]*>([\s\S]*?)<\/code>/.exec(setup)?.[1] ?? "";
    const secret = shown.replace(/<[^>]+>|\s/g, "");
    const confirmed = await portalPost(browser, `${base}/totp/confirm`, csrf, {
      enrollment_id: field(setup, "enrollment_id"),
      code: totpCode(secret, Date.now()),
    });
    expect(confirmed.status).toBe(200);
    const codes = await confirmed.text();
    expect(codes.match(/<li><code>/g)).toHaveLength(10);

    let verifiers = await listUserVerifiers(
      seeded.db,
      seeded.issuer.id,
      seeded.user.id,
      Date.now(),
    );
    const totp = verifiers.find((v) => v.type === "totp_app");
    const backup = verifiers.find((v) => v.type === "backup_codes");
    expect(totp?.status).toBe("active");
    expect(backup).toBeTruthy();

    // A TOTP user's portal needs both factors for sensitive changes: a password-only sign-in,
    // however recent, is sent to sign in again with them.
    const passwordOnly = await portalPost(browser, `${base}/backup-codes`, csrf, {
      verifier_id: backup?.id ?? "",
    });
    expect(passwordOnly.headers.get("location")).toBe(`${base}/sign-in?step_up=1`);
    // A TOTP user's portal needs both factors for sensitive changes: sign in again with them.
    const fresh = await signIntoPortalWithTotp(seeded, secret);
    const regenerated = await portalPost(fresh.browser, `${base}/backup-codes`, fresh.csrf, {
      verifier_id: backup?.id ?? "",
    });
    expect(regenerated.status).toBe(200);
    expect((await regenerated.text()).match(/<li><code>/g)).toHaveLength(10);
    const removed = await portalPost(fresh.browser, `${base}/totp/remove`, fresh.csrf, {
      verifier_id: totp?.id ?? "",
    });
    expect(removed.status).toBe(303);
    verifiers = await listUserVerifiers(seeded.db, seeded.issuer.id, seeded.user.id, Date.now());
    expect(verifiers.some((v) => v.type === "totp_app")).toBe(false);
    const types = (await eventTypes(seeded, seeded.user.id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "user.verifier.created",
        "user.verifier.updated",
        "user.verifier.deleted",
      ]),
    );
  });

  it("adds a passkey with the registration ceremony, renames it and removes it", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { browser, base, csrf, page } = await signIntoPortal(seeded);
    const encoded = /data-options="([^"]+)"/.exec(page)?.[1] ?? "";
    const options = JSON.parse(
      encoded
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&"),
    );
    // The worker's IDP_BASE_URL (wrangler.toml) is the origin; its host is the RP ID.
    const authenticator = new SoftwareAuthenticator("http://localhost:8787", "localhost");
    const added = await portalPost(browser, `${base}/passkeys`, csrf, {
      passkey_response: JSON.stringify(await authenticator.create(options)),
    });
    expect(added.status, await added.clone().text()).toBe(303);
    const list = () => listUserVerifiers(seeded.db, seeded.issuer.id, seeded.user.id, Date.now());
    const key = (await list()).find((v) => v.type === "webauthn");
    expect(key?.status).toBe("active");

    const renamed = await portalPost(browser, `${base}/passkeys/rename`, csrf, {
      verifier_id: key?.id ?? "",
      name: "Work laptop",
    });
    expect(renamed.status).toBe(303);
    expect((await list()).find((v) => v.id === key?.id)?.name).toBe("Work laptop");
    const removed = await portalPost(browser, `${base}/passkeys/remove`, csrf, {
      verifier_id: key?.id ?? "",
    });
    expect(removed.status).toBe(303);
    expect((await list()).some((v) => v.type === "webauthn")).toBe(false);
    const types = (await eventTypes(seeded, seeded.user.id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "user.verifier.created",
        "user.verifier.updated",
        "user.verifier.deleted",
      ]),
    );
  });

  it("lists the connected apps and removes one's access", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { grantConsent, listConsents } = await import("@authpi/domain/consents");
    await grantConsent(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      seeded.user.id,
      seeded.web.client.id,
      ["openid", "email"],
    );
    const { browser, base, csrf, page } = await signIntoPortal(seeded);
    expect(page).toContain("Connected apps");
    expect(page).toContain("Can access: openid, email");
    const removed = await portalPost(browser, `${base}/apps/remove`, csrf, {
      client_id: seeded.web.client.id,
    });
    expect(removed.headers.get("location")).toBe(`${base}?done=appRemoved`);
    expect(await listConsents(seeded.db, seeded.issuer.id, seeded.user.id)).toEqual([]);
  });

  it("lists sessions with their device; signs out one, then all the others", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const phone = await loginWithCode(seeded, { browser: new TestBrowser() });
    const tablet = await loginWithCode(seeded, { browser: new TestBrowser() });
    const ua = { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0" };
    const desk = new TestBrowser();
    const original = desk.fetch.bind(desk);
    desk.fetch = (url, init = {}) =>
      original(url, { ...init, headers: { ...ua, ...(init.headers as Record<string, string>) } });
    const { browser, base, csrf, page } = await signIntoPortal(seeded, desk);
    expect(page).toContain("Firefox · Windows");
    expect(page.match(/Signed in /g)?.length).toBeGreaterThanOrEqual(3);

    const opOf = async (sid: unknown) => {
      const all = await listUserSessions(coreApiCtx(seeded), seeded.user.id, {});
      const found = all.find((s) => s.id === sid);
      return found?.parentId ?? found?.id ?? "";
    };
    // The ID token's `sid` names the app's session; the portal lists the sign-ins above them.
    const phoneSid = await opOf(phone.tokens.claims()?.sid);
    const tabletSid = await opOf(tablet.tokens.claims()?.sid);
    const one = await portalPost(browser, `${base}/sessions/end`, csrf, { session_id: phoneSid });
    expect(one.status).toBe(303);
    let sessions = await listUserSessions(coreApiCtx(seeded), seeded.user.id, {});
    expect(sessions.find((s) => s.id === phoneSid)?.status).toBe("revoked");

    const rest = await portalPost(browser, `${base}/sessions/end-others`, csrf);
    expect(rest.status).toBe(303);
    sessions = await listUserSessions(coreApiCtx(seeded), seeded.user.id, {});
    expect(sessions.find((s) => s.id === tabletSid)?.status).toBe("revoked");
    expect(sessions.filter((s) => s.type === "op" && s.status === "active")).toHaveLength(1);
    const terminated = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.type, "session.terminated")));
    expect(terminated.some((e) => e.subjectId === phoneSid)).toBe(true);
    expect((await browser.fetch(base)).status).toBe(200);
  });
});

/** The portal sign-in of a user with TOTP: password, then the app's code. */
async function signIntoPortalWithTotp(seeded: Seeded, secret: string) {
  const { follow } = await import("./support/portal.ts");
  const browser = new TestBrowser();
  const base = `/${seeded.issuer.id}/account`;
  const login = await (await follow(browser, await browser.fetch(base))).text();
  const second = await browser.submitLogin(
    seeded.issuer.id,
    login,
    "alice@example.com",
    seeded.password,
  );
  const secondPage = await second.text();
  // The step after the password asks for the code (one 30-second step later: a code is single use).
  const code = totpCode(secret, Date.now() + 30_000);
  const done = await browser.fetch(`/${seeded.issuer.id}/login/second-factor`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      request_id: field(secondPage, "request_id"),
      csrf_token: field(secondPage, "csrf_token"),
      code,
    }),
  });
  const page = await (await follow(browser, done)).text();
  return { browser, csrf: field(page, "csrf_token"), page };
}
