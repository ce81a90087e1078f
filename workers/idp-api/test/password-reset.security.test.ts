import { env } from "cloudflare:workers";
import { sha256Hex } from "@authpi/domain/crypto";
import { events } from "@authpi/domain/db";
import {
  EMAILS_PER_ADDRESS,
  EMAILS_PER_SOURCE,
  PASSWORD_RESET_TTL_MS,
} from "@authpi/domain/email-tokens";
import {
  completePasswordReset,
  credentialKey,
  passwordLogin,
  requestPasswordReset,
} from "@authpi/domain/login";
import { seedIssuer } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { TestBrowser } from "./support/browser.ts";
import { field, openLogin, post } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";

const bindings = env as unknown as Env;
const T0 = 1_900_000_000_000 - (1_900_000_000_000 % (15 * 60_000)) + 60_000;
let mail: ReturnType<typeof captureMail>;
afterEach(() => mail?.restore());

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

function deps(seeded: Seeded, now: number, ip = "198.51.100.7") {
  return {
    db: seeded.db,
    store: issuerStore(bindings, seeded.issuer.id),
    issuerId: seeded.issuer.id,
    ctx: {
      now,
      accountId: seeded.accountId,
      actor: { type: "system" as const, id: null },
      source: "idp-api" as const,
      request: { ip },
    },
  };
}

/** The forgot-password form, submitted from a fresh browser at `ip`. */
async function forgot(seeded: Seeded, email: string, ip = "203.0.113.9") {
  const browser = new TestBrowser({ ip });
  const page = await (await browser.fetch(`/${seeded.issuer.id}/forgot-password`)).text();
  const response = await post(browser, `/${seeded.issuer.id}/forgot-password`, {
    csrf_token: field(page, "csrf_token"),
    email,
  });
  return { status: response.status, body: await response.text() };
}

/** A page with its per-response nonce blanked, to compare two answers. */
function comparable(page: string) {
  return page
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/someone@example\.com|alice@example\.com/g, "ADDRESS");
}

async function eventCount(seeded: Seeded) {
  return (await seeded.db.select().from(events).where(eq(events.issuerId, seeded.issuer.id)))
    .length;
}

describe("password reset: enumeration", () => {
  it("answers a known and an unknown address with the same page, no event, one email only for the account", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    const before = await eventCount(seeded);
    const known = await forgot(seeded, "alice@example.com");
    const unknown = await forgot(seeded, "someone@example.com");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(known.status);
    expect(comparable(unknown.body)).toBe(comparable(known.body));
    expect(await eventCount(seeded)).toBe(before);
    await mail.nth(1);
    expect((await mail.all()).map((m) => m.to)).toEqual(["alice@example.com"]);
  });

  it("a blocked user gets no link either, and the same answer", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    const { users } = await import("@authpi/domain/db");
    await seeded.db.update(users).set({ status: "suspended" }).where(eq(users.id, seeded.user.id));
    const outcome = await requestPasswordReset(deps(seeded, T0), "alice@example.com", "{}");
    expect(outcome).toEqual({ status: "accepted", mail: null });
  });
});

describe("password reset: the link", () => {
  it("works for 30 minutes, stored only as a hash", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const asked = await requestPasswordReset(deps(seeded, T0), "alice@example.com", "{}");
    if (asked.status !== "accepted" || !asked.mail) throw new Error("no link");
    const hash = await sha256Hex(asked.mail.token);
    const store = issuerStore(bindings, seeded.issuer.id);
    expect(await store.peekEmailToken(asked.mail.token, T0)).toBeNull();
    expect(await store.peekEmailToken(hash, T0)).toMatchObject({ userId: seeded.user.id });
    const late = await completePasswordReset(
      deps(seeded, T0 + PASSWORD_RESET_TTL_MS),
      hash,
      "new password one",
    );
    expect(late).toEqual({ status: "invalid" });

    const again = await requestPasswordReset(deps(seeded, T0), "alice@example.com", "{}");
    if (again.status !== "accepted" || !again.mail) throw new Error("no link");
    const inTime = await completePasswordReset(
      deps(seeded, T0 + PASSWORD_RESET_TTL_MS - 1),
      await sha256Hex(again.mail.token),
      "new password two",
    );
    expect(inTime.status).toBe("ok");
  });

  it("clears the username's lock so the owner can sign in at once", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const store = issuerStore(bindings, seeded.issuer.id);
    const login = (password: string, now: number) =>
      passwordLogin(
        { ...deps(seeded, now), secret: bindings.KEY_ENCRYPTION_SECRET },
        { username: "alice@example.com", password },
      );
    for (let i = 0; i < 5; i++) await login("wrong guess", T0 + i);
    expect(await login(seeded.password, T0 + 10)).toMatchObject({ status: "locked" });
    const asked = await requestPasswordReset(deps(seeded, T0 + 20), "alice@example.com", "{}");
    if (asked.status !== "accepted" || !asked.mail) throw new Error("no link");
    await completePasswordReset(
      deps(seeded, T0 + 30),
      await sha256Hex(asked.mail.token),
      "fresh password",
    );
    expect(
      (await store.loginLocks([credentialKey("alice@example.com")], T0 + 40))[
        credentialKey("alice@example.com")
      ],
    ).toMatchObject({ failures: 0 });
    expect(await login("fresh password", T0 + 50)).toMatchObject({ status: "ok" });
  });
});

describe("password reset: rate limits", () => {
  it(`sends at most ${EMAILS_PER_ADDRESS} links per address per window, known or not, then 429`, async () => {
    const seeded = await seedIssuer(bindings.DB);
    for (const address of ["alice@example.com", "nobody@example.com"]) {
      for (let i = 0; i < EMAILS_PER_ADDRESS; i++) {
        const ok = await requestPasswordReset(deps(seeded, T0 + i, `192.0.2.${i}`), address, "{}");
        expect(ok.status).toBe("accepted");
      }
      const over = await requestPasswordReset(deps(seeded, T0 + 9, "192.0.2.99"), address, "{}");
      expect(over).toMatchObject({ status: "throttled" });
    }
    const next = await requestPasswordReset(
      deps(seeded, T0 + 15 * 60_000),
      "alice@example.com",
      "{}",
    );
    expect(next.status).toBe("accepted");
  });

  it(`refuses one source after ${EMAILS_PER_SOURCE} requests, whatever the address`, async () => {
    const seeded = await seedIssuer(bindings.DB);
    for (let i = 0; i < EMAILS_PER_SOURCE; i++) {
      const ok = await requestPasswordReset(deps(seeded, T0 + i), `user${i}@example.com`, "{}");
      expect(ok.status).toBe("accepted");
    }
    expect(
      await requestPasswordReset(deps(seeded, T0 + 20), "other@example.com", "{}"),
    ).toMatchObject({
      status: "throttled",
    });
    expect(
      (
        await requestPasswordReset(
          deps(seeded, T0 + 21, "198.51.100.200"),
          "other@example.com",
          "{}",
        )
      ).status,
    ).toBe("accepted");
  });

  it("the page answers 429 with Retry-After when the address is over its limit", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    for (let i = 0; i < EMAILS_PER_ADDRESS; i++)
      await forgot(seeded, "alice@example.com", `192.0.2.${i}`);
    const over = await forgot(seeded, "alice@example.com", "192.0.2.50");
    expect(over.status).toBe(429);
    expect(over.body).toContain("Too many reset requests");
  });
});

describe("password reset: refused", () => {
  it("is a 403 page when the issuer turned it off (portals.enable_password_reset false), and the link is gone", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { issuers } = await import("@authpi/domain/db");
    await seeded.db
      .update(issuers)
      .set({
        settings: {
          ...seeded.issuer.settings,
          portals: { ...seeded.issuer.settings.portals, enable_password_reset: false },
        },
      })
      .where(eq(issuers.id, seeded.issuer.id));
    const response = await new TestBrowser().fetch(`/${seeded.issuer.id}/forgot-password`);
    expect(response.status).toBe(403);
    const login = await openLogin(seeded);
    expect(login.page).toContain("Sign in");
    expect(login.page).not.toContain("forgot-password");
  });

  it("refuses a form without the browser's CSRF cookie", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const browser = new TestBrowser();
    const page = await (await browser.fetch(`/${seeded.issuer.id}/forgot-password`)).text();
    const stranger = new TestBrowser();
    const response = await post(stranger, `/${seeded.issuer.id}/forgot-password`, {
      csrf_token: field(page, "csrf_token"),
      email: "alice@example.com",
    });
    expect(response.status).toBe(403);
  });

  it("refuses a short or common new password (the signup rules) and keeps the link alive", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const asked = await requestPasswordReset(deps(seeded, Date.now()), "alice@example.com", "{}");
    if (asked.status !== "accepted" || !asked.mail) throw new Error("no link");
    const browser = new TestBrowser();
    const link = `/${seeded.issuer.id}/forgot-password/reset?token=${asked.mail.token}`;
    const page = await (await browser.fetch(link)).text();
    const form = { csrf_token: field(page, "csrf_token"), token: field(page, "token") };
    const path = `/${seeded.issuer.id}/forgot-password/reset`;
    expect((await post(browser, path, { ...form, password: "short" })).status).toBe(422);
    const weak = await post(browser, path, { ...form, password: "password123" });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain("too easy to guess");
    expect(
      (await post(browser, path, { ...form, password: "Quartz-Lantern-Orbit-92" })).status,
    ).toBe(200);
  });
});
