import { runInDurableObject } from "cloudflare:test";
import { events, users } from "@authpi/domain/db";
import { issuerStoreId } from "@authpi/domain/oauth";
import {
  startEmailVerification,
  VERIFICATION_TTL_MS,
  verifyEmailCode,
  verifyEmailLink,
} from "@authpi/domain/signup";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { issuerStore } from "../src/store.ts";
import { TestBrowser } from "./support/browser.ts";
import { field, pathOf, post } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";
import {
  bindings,
  callbackOf,
  openSignup,
  seedSignupIssuer,
  submitCode,
  submitSignup,
} from "./support/signup-flow.ts";

const T0 = 1_900_000_000_000;
const MIN = 60_000;
let mail: ReturnType<typeof captureMail> | undefined;
afterEach(() => mail?.restore());

type Seeded = Awaited<ReturnType<typeof seedSignupIssuer>>;

/** What the verification steps get from a request made at `now`. */
function deps(seeded: Seeded, now: number) {
  return {
    db: seeded.db,
    store: issuerStore(bindings, seeded.issuer.id),
    issuerId: seeded.issuer.id,
    ctx: {
      now,
      accountId: seeded.accountId,
      actor: { type: "system" as const, id: null },
      source: "idp-api" as const,
    },
    secret: bindings.KEY_ENCRYPTION_SECRET,
  };
}

const alice = (seeded: Seeded) => ({ id: seeded.user.id, email: "alice@example.com" });

async function issued(seeded: Seeded, now: number) {
  const result = await startEmailVerification(deps(seeded, now), alice(seeded), "interaction-1");
  if (result.status !== "ok") throw new Error(`not issued: ${JSON.stringify(result)}`);
  return result;
}

async function aliceVerified(seeded: Seeded) {
  const row = await seeded.db.query.users.findFirst({ where: eq(users.id, seeded.user.id) });
  return row?.profile.email_verified === true;
}

async function eventsOf(seeded: Seeded, type: string) {
  return seeded.db
    .select()
    .from(events)
    .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.type, type)));
}

const otherCode = (code: string) => (code === "000000" ? "111111" : "000000");

describe("email verification: the code", () => {
  it("works once", async () => {
    const seeded = await seedSignupIssuer();
    const { code } = await issued(seeded, T0);
    expect((await verifyEmailCode(deps(seeded, T0 + 1), seeded.user.id, code)).status).toBe("ok");
    expect(await aliceVerified(seeded)).toBe(true);
    expect((await verifyEmailCode(deps(seeded, T0 + 2), seeded.user.id, code)).status).toBe(
      "invalid",
    );
  });

  it("works for 24 hours and not a moment longer", async () => {
    const seeded = await seedSignupIssuer();
    const lapsed = await issued(seeded, T0);
    expect(lapsed.expiresAt).toBe(T0 + VERIFICATION_TTL_MS);
    const late = await verifyEmailCode(
      deps(seeded, T0 + VERIFICATION_TTL_MS),
      seeded.user.id,
      lapsed.code,
    );
    expect(late.status).toBe("invalid");
    expect(await aliceVerified(seeded)).toBe(false);

    const later = T0 + VERIFICATION_TTL_MS + MIN;
    const fresh = await issued(seeded, later);
    const inTime = await verifyEmailCode(
      deps(seeded, later + VERIFICATION_TTL_MS - 1),
      seeded.user.id,
      fresh.code,
    );
    expect(inTime.status).toBe("ok");
  });

  it("locks after 5 wrong codes for 15 minutes, even the right one, with events", async () => {
    const seeded = await seedSignupIssuer();
    const { code } = await issued(seeded, T0);
    const check = (now: number, typed: string) =>
      verifyEmailCode(deps(seeded, now), seeded.user.id, typed);
    for (let i = 1; i <= 4; i++)
      expect((await check(T0 + i, otherCode(code))).status).toBe("invalid");
    expect((await check(T0 + 5, otherCode(code))).status).toBe("locked");
    expect((await check(T0 + 6, code)).status).toBe("locked");
    expect(await aliceVerified(seeded)).toBe(false);
    expect(await eventsOf(seeded, "user.verification.failed")).toHaveLength(5);
    expect((await eventsOf(seeded, "user.locked")).map((e) => e.data)).toEqual([
      expect.objectContaining({ method: "email" }),
    ]);
    expect((await check(T0 + 15 * MIN + 6, code)).status).toBe("ok");
    expect(await aliceVerified(seeded)).toBe(true);
  });

  it("is not a link token, and a link token is not a code", async () => {
    const seeded = await seedSignupIssuer();
    const { code, token } = await issued(seeded, T0);
    expect(await verifyEmailLink(deps(seeded, T0), code)).toBeNull();
    expect((await verifyEmailCode(deps(seeded, T0), seeded.user.id, token)).status).toBe("invalid");
  });
});

describe("email verification: the link", () => {
  it("works once: opened again it is a 400 page", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { browser, page } = await openSignup(seeded);
    await submitSignup(seeded, browser, page, { email: "once@example.com" });
    const link = pathOf((await mail.nth(1)).values.link as string);
    callbackOf(seeded, await browser.fetch(link));
    const again = await new TestBrowser().fetch(link);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Link not valid");
  });

  it("works for 24 hours", async () => {
    const seeded = await seedSignupIssuer();
    const { token } = await issued(seeded, T0);
    expect(await verifyEmailLink(deps(seeded, T0 + VERIFICATION_TTL_MS), token)).toBeNull();
    expect(await aliceVerified(seeded)).toBe(false);
  });

  it("proves nothing about an address the user changed to meanwhile", async () => {
    const seeded = await seedSignupIssuer();
    const { token } = await issued(seeded, T0);
    const row = await seeded.db.query.users.findFirst({ where: eq(users.id, seeded.user.id) });
    await seeded.db
      .update(users)
      .set({ profile: { ...row?.profile, email: "mallory@example.com" } })
      .where(eq(users.id, seeded.user.id));
    expect(await verifyEmailLink(deps(seeded, T0 + 1), token)).toBeNull();
    expect(await aliceVerified(seeded)).toBe(false);
  });

  it("opened in another browser, it issues that browser no authorization code", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { browser, page } = await openSignup(seeded);
    await submitSignup(seeded, browser, page, { email: "stolen@example.com" });
    const link = pathOf((await mail.nth(1)).values.link as string);
    const attacker = new TestBrowser();
    const answer = await attacker.fetch(link);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("location")).toBeNull();
    expect(await answer.text()).not.toContain("code=");
    expect(attacker.cookies.has("authpi_session")).toBe(false);
  });
});

describe("email verification: storage and limits", () => {
  it("keeps only hashes at rest: neither the code nor the link token is in the Durable Object", async () => {
    const seeded = await seedSignupIssuer();
    const { code, token } = await issued(seeded, T0);
    const stub = bindings.ISSUER_STORE.get(issuerStoreId(bindings.ISSUER_STORE, seeded.issuer.id));
    const rows = await runInDurableObject(stub, (_instance, state) =>
      state.storage.sql.exec("SELECT * FROM email_verifications").toArray(),
    );
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows);
    expect(stored).toContain(seeded.user.id);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(token);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.code_digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("limits resends: one a minute, five an hour", async () => {
    const seeded = await seedSignupIssuer();
    await issued(seeded, T0);
    const soon = await startEmailVerification(deps(seeded, T0 + 30_000), alice(seeded), null);
    expect(soon).toEqual({ status: "rate_limited", retryAt: T0 + MIN });
    for (const m of [1, 2, 3, 4]) await issued(seeded, T0 + m * MIN);
    const sixth = await startEmailVerification(deps(seeded, T0 + 5 * MIN), alice(seeded), null);
    expect(sixth).toEqual({ status: "rate_limited", retryAt: T0 + 60 * MIN });
  });

  it("refuses a code form without the browser's CSRF token", async () => {
    mail = captureMail();
    const seeded = await seedSignupIssuer({ verify_email_address_on_signup: true });
    const { browser, page } = await openSignup(seeded);
    const shown = await (
      await submitSignup(seeded, browser, page, { email: "csrf@example.com" })
    ).text();
    const code = (await mail.nth(1)).values.code as string;
    const forged = await post(browser, `/${seeded.issuer.id}/verify-email`, {
      request_id: field(shown, "request_id"),
      csrf_token: "x".repeat(43),
      code,
    });
    expect(forged.status).toBe(403);
    const otherBrowser = await submitCode(seeded, new TestBrowser(), shown, code);
    expect(otherBrowser.status).toBe(403);
    // The code still works for the browser that signed up.
    callbackOf(seeded, await submitCode(seeded, browser, shown, code));
  });
});
