import { env } from "cloudflare:workers";
import { sha256Hex } from "@authpi/domain/crypto";
import { events } from "@authpi/domain/db";
import { EMAIL_SIGN_IN_TTL_MS, EMAILS_PER_ADDRESS } from "@authpi/domain/email-tokens";
import {
  LOCK_MS,
  MAX_FAILURES,
  openEmailLink,
  requestEmailSignIn,
  verifyEmailCode,
} from "@authpi/domain/login";
import { seedIssuer } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { TestBrowser } from "./support/browser.ts";
import { enableEmailSignIn } from "./support/email-link.ts";
import { field, openLogin, pathOf, post } from "./support/journeys.ts";
import { captureMail } from "./support/mail-capture.ts";

const bindings = env as unknown as Env;
const T0 = 1_900_000_000_000 - (1_900_000_000_000 % (15 * 60_000)) + 60_000;
const BROWSER = "b".repeat(43);
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

async function sent(seeded: Seeded, now: number, username = "alice@example.com") {
  const result = await requestEmailSignIn(deps(seeded, now), username, BROWSER, "resume-id");
  if (result.status !== "sent") throw new Error("throttled");
  return result;
}

describe("email sign-in: codes", () => {
  it("a code works once, and not after its link was used", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const first = await sent(seeded, T0);
    const code = first.mail?.code as string;
    const check = (now: number, hash: string, typed: string) =>
      verifyEmailCode(deps(seeded, now), "alice@example.com", hash, typed);
    expect(await check(T0 + 1, first.tokenHash, code)).toMatchObject({ status: "ok" });
    expect(await check(T0 + 2, first.tokenHash, code)).toEqual({ status: "invalid" });

    const second = await sent(seeded, T0 + 3);
    const link = await openEmailLink(deps(seeded, T0 + 4), second.mail?.token as string, BROWSER);
    expect(link).toMatchObject({ status: "ok", resume: "resume-id" });
    expect(await check(T0 + 5, second.tokenHash, second.mail?.code as string)).toEqual({
      status: "invalid",
    });
    expect(
      await openEmailLink(deps(seeded, T0 + 6), second.mail?.token as string, BROWSER),
    ).toEqual({
      status: "invalid",
    });
  });

  it("expires after 10 minutes and is stored only as hashes", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const issued = await sent(seeded, T0);
    const token = issued.mail?.token as string;
    expect(issued.tokenHash).toBe(await sha256Hex(token));
    const record = await issuerStore(bindings, seeded.issuer.id).peekEmailToken(
      issued.tokenHash,
      T0,
    );
    expect(JSON.stringify(record)).not.toContain(token);
    expect(JSON.stringify(record)).not.toContain(`"${issued.mail?.code}"`);
    expect(
      await verifyEmailCode(
        deps(seeded, T0 + EMAIL_SIGN_IN_TTL_MS),
        "alice@example.com",
        issued.tokenHash,
        issued.mail?.code as string,
      ),
    ).toEqual({ status: "invalid" });
    expect(await openEmailLink(deps(seeded, T0 + EMAIL_SIGN_IN_TTL_MS), token, BROWSER)).toEqual({
      status: "invalid",
    });
  });

  it(`locks after ${MAX_FAILURES} wrong codes for 15 minutes: the right code and the link are refused meanwhile`, async () => {
    const seeded = await seedIssuer(bindings.DB);
    const issued = await sent(seeded, T0);
    const code = issued.mail?.code as string;
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect(
        await verifyEmailCode(deps(seeded, T0 + i), "alice@example.com", issued.tokenHash, wrong),
      ).toEqual({ status: "invalid" });
    }
    expect(
      await verifyEmailCode(deps(seeded, T0 + 10), "alice@example.com", issued.tokenHash, wrong),
    ).toMatchObject({ status: "locked" });
    expect(
      await verifyEmailCode(deps(seeded, T0 + 20), "Alice@Example.com", issued.tokenHash, code),
    ).toMatchObject({ status: "locked" });
    expect(
      await openEmailLink(deps(seeded, T0 + 30), issued.mail?.token as string, BROWSER),
    ).toEqual({
      status: "locked",
    });
    const later = T0 + 10 + LOCK_MS;
    const fresh = await sent(seeded, later);
    expect(
      await verifyEmailCode(
        deps(seeded, later + 1),
        "alice@example.com",
        fresh.tokenHash,
        fresh.mail?.code as string,
      ),
    ).toMatchObject({ status: "ok" });
    const types = (
      await seeded.db.select().from(events).where(eq(events.issuerId, seeded.issuer.id))
    ).map((e) => e.type);
    expect(types.filter((t) => t === "user.verification.failed")).toHaveLength(MAX_FAILURES);
    expect(types).toContain("user.locked");
  });

  it("a code of one challenge does not answer another", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const one = await sent(seeded, T0);
    const two = await sent(seeded, T0 + 1);
    expect(
      await verifyEmailCode(
        deps(seeded, T0 + 2),
        "alice@example.com",
        two.tokenHash,
        one.mail?.code as string,
      ),
    ).toEqual(
      one.mail?.code === two.mail?.code
        ? { status: "ok", user: expect.anything() }
        : { status: "invalid" },
    );
  });
});

describe("email sign-in: the link", () => {
  it("signs in only in the browser whose secret it is bound to", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const issued = await sent(seeded, T0);
    const token = issued.mail?.token as string;
    expect(await openEmailLink(deps(seeded, T0 + 1), token, undefined)).toEqual({
      status: "elsewhere",
      code: issued.mail?.code,
    });
    expect(await openEmailLink(deps(seeded, T0 + 2), token, "x".repeat(43))).toMatchObject({
      status: "elsewhere",
    });
    expect(await openEmailLink(deps(seeded, T0 + 3), token, BROWSER)).toMatchObject({
      status: "ok",
    });
  });

  it("an unknown or malformed token is an error page", async () => {
    const seeded = await seedIssuer(bindings.DB);
    for (const token of ["nope", "a".repeat(43)]) {
      const response = await new TestBrowser().fetch(
        `/${seeded.issuer.id}/login/email/link?token=${token}`,
      );
      expect(response.status).toBe(410);
    }
  });
});

describe("email sign-in: enumeration and limits", () => {
  /** The code page after "Email me a sign-in code" for `username`, from a fresh browser. */
  async function codePage(seeded: Seeded, username: string, ip = "203.0.113.20") {
    const browser = new TestBrowser({ ip });
    const login = await openLogin(seeded, browser);
    const response = await post(browser, `/${seeded.issuer.id}/login/email`, {
      request_id: field(login.page, "request_id"),
      csrf_token: field(login.page, "csrf_token"),
      username,
    });
    return { status: response.status, body: await response.text() };
  }

  const comparable = (page: string) =>
    page
      .replace(/nonce="[^"]*"/g, "")
      .replace(/name="(request_id|csrf_token)" value="[^"]*"/g, "")
      .replace(/alice@example\.com|nobody@example\.com/g, "ADDRESS");

  it("answers a known and an unknown address with the same page, and emails only the account", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    await enableEmailSignIn(seeded, bindings.KEY_ENCRYPTION_SECRET);
    const count = async () =>
      (await seeded.db.select().from(events).where(eq(events.issuerId, seeded.issuer.id))).length;
    const before = await count();
    const known = await codePage(seeded, "alice@example.com");
    const unknown = await codePage(seeded, "nobody@example.com");
    expect(unknown.status).toBe(known.status);
    expect(comparable(unknown.body)).toBe(comparable(known.body));
    expect(await count()).toBe(before);
    await mail.nth(1);
    expect((await mail.all()).map((m) => m.to)).toEqual(["alice@example.com"]);
  });

  it(`sends at most ${EMAILS_PER_ADDRESS} codes per address per window (429 after)`, async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    await enableEmailSignIn(seeded, bindings.KEY_ENCRYPTION_SECRET);
    for (let i = 0; i < EMAILS_PER_ADDRESS; i++) {
      expect((await codePage(seeded, "alice@example.com", `192.0.2.${i}`)).status).toBe(200);
    }
    const over = await codePage(seeded, "alice@example.com", "192.0.2.77");
    expect(over.status).toBe(429);
    expect(over.body).toContain("Too many codes requested");
  });

  it("a wrong code on the page answers 401, and the 5th a 403 lock", async () => {
    mail = captureMail();
    const seeded = await seedIssuer(bindings.DB);
    await enableEmailSignIn(seeded, bindings.KEY_ENCRYPTION_SECRET);
    const browser = new TestBrowser();
    const login = await openLogin(seeded, browser);
    let page = await (
      await post(browser, `/${seeded.issuer.id}/login/email`, {
        request_id: field(login.page, "request_id"),
        csrf_token: field(login.page, "csrf_token"),
        username: "alice@example.com",
      })
    ).text();
    const code = (await mail.nth(1)).values.code as string;
    const wrong = code === "000000" ? "111111" : "000000";
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES; i++) {
      const response = await post(browser, `/${seeded.issuer.id}/login/email/code`, {
        request_id: field(page, "request_id"),
        csrf_token: field(page, "csrf_token"),
        code: wrong,
      });
      statuses.push(response.status);
      page = await response.text();
    }
    expect(statuses).toEqual([401, 401, 401, 401, 403]);
    const right = await post(browser, `/${seeded.issuer.id}/login/email/code`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      code,
    });
    expect(right.status).toBe(403);
    expect((await browser.fetch(pathOf((await mail.nth(1)).values.link as string))).status).toBe(
      403,
    );
  });
});
