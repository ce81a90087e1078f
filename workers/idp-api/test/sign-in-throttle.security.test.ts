import { env } from "cloudflare:workers";
import { open } from "@authpi/domain/crypto";
import { events } from "@authpi/domain/db";
import {
  CreateInvitationInput,
  CreateOrganizationInput,
  createInvitation,
  createOrganization,
  INVITATION_TOKEN_PURPOSE,
} from "@authpi/domain/organizations";
import { CreateUserInput, createUser } from "@authpi/domain/users";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import type { Seeded } from "./support/login-flow.ts";

const bindings = env as unknown as Env;
const DB = bindings.DB;
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const LOCKED = "Too many failed attempts. Try again in 15 minutes.";

let counter = 0;
/** A documentation address (RFC 5737) of its own for each browser. */
function freshIp(): string {
  counter += 1;
  return `203.0.${Math.floor(counter / 250)}.${(counter % 250) + 1}`;
}

function authorizePath(seeded: Seeded) {
  const params = new URLSearchParams({
    client_id: seeded.web.client.id,
    redirect_uri: "https://app.example.com/callback",
    response_type: "code",
    scope: "openid",
    state: "st",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
    prompt: "login",
  });
  return `/${seeded.issuer.id}/authorize?${params}`;
}

/** Opens the sign-in page in `browser` and submits one username and password. */
async function signIn(seeded: Seeded, browser: TestBrowser, username: string, password: string) {
  const page = await (await browser.fetch(authorizePath(seeded))).text();
  return browser.submitLogin(seeded.issuer.id, page, username, password);
}

async function alert(response: Response): Promise<string | undefined> {
  return /role="alert">([^<]+)</.exec(await response.text())?.[1];
}

/** A browser of the user's that signed in once: it holds a device cookie, its session ended. */
async function trustedBrowser(seeded: Seeded): Promise<TestBrowser> {
  const browser = new TestBrowser({ ip: freshIp() });
  const first = await signIn(seeded, browser, "alice@example.com", seeded.password);
  expect(first.status).toBe(303);
  expect(browser.cookies.get("authpi_device")).toBeTruthy();
  browser.cookies.delete("authpi_session");
  return browser;
}

async function lockAlice(seeded: Seeded): Promise<void> {
  const attacker = new TestBrowser({ ip: freshIp() });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) {
    statuses.push((await signIn(seeded, attacker, "alice@example.com", `guess ${i}`)).status);
  }
  expect(statuses).toEqual([401, 401, 401, 401, 403]);
}

describe("sign-in throttling", () => {
  it("refuses one address spraying a password over many usernames after 20 failures, for every username", async () => {
    const seeded = await seedIssuer(DB);
    const sprayer = new TestBrowser({ ip: freshIp() });
    for (let i = 0; i < 20; i++) {
      const response = await signIn(seeded, sprayer, `user${i}@example.com`, "Winter2026!");
      expect(response.status).toBe(401);
    }
    const refused = await signIn(seeded, sprayer, "nobody@example.com", "Winter2026!");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const message = await alert(refused);
    expect(message).toMatch(/^Too many failed sign-ins from your network\. Try again in /);

    // The right password from that address is refused before it is checked, worded alike.
    const sameAddress = new TestBrowser({ ip: sprayer.options.ip as string });
    const right = await signIn(seeded, sameAddress, "alice@example.com", seeded.password);
    expect(right.status).toBe(429);
    expect(await alert(right)).toBe(message);
    // Everyone else signs in.
    const other = await signIn(
      seeded,
      new TestBrowser({ ip: freshIp() }),
      "alice@example.com",
      seeded.password,
    );
    expect(other.status).toBe(303);
  });

  it("five wrong passwords lock the username for unknown browsers, not for the user's trusted browser", async () => {
    const seeded = await seedIssuer(DB);
    const users = await trustedBrowser(seeded);
    await lockAlice(seeded);

    // The attacker's right guess, or the user on a browser never used before: still locked.
    const unknown = await signIn(
      seeded,
      new TestBrowser({ ip: freshIp() }),
      "alice@example.com",
      seeded.password,
    );
    expect(unknown.status).toBe(403);
    expect(await alert(unknown)).toBe(LOCKED);
    // The browser the user signed in with before passes with the right password.
    const trusted = await signIn(seeded, users, "alice@example.com", seeded.password);
    expect(trusted.status).toBe(303);
    expect(
      new URL(trusted.headers.get("location") as string).searchParams.get("code"),
    ).toBeTruthy();

    const locked = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.type, "user.locked")));
    expect(locked).toHaveLength(1);
    expect(locked[0]?.subjectId).toBe(seeded.user.id);
  });

  it("a trusted browser's own wrong passwords lock that browser only", async () => {
    const seeded = await seedIssuer(DB);
    const browser = await trustedBrowser(seeded);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await signIn(seeded, browser, "alice@example.com", `typo ${i}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 403]);
    expect((await signIn(seeded, browser, "alice@example.com", seeded.password)).status).toBe(403);
    // Its failures did not count against the username for everyone else.
    const elsewhere = await signIn(
      seeded,
      new TestBrowser({ ip: freshIp() }),
      "alice@example.com",
      seeded.password,
    );
    expect(elsewhere.status).toBe(303);
  });

  it("trusts a device cookie only for its own user and issuer, and only unaltered", async () => {
    const seeded = await seedIssuer(DB);
    await createUser(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateUserInput.parse({
        username_type: "email",
        username: "bob@example.com",
        password: "bob's long password",
      }),
    );
    const bobs = new TestBrowser({ ip: freshIp() });
    expect((await signIn(seeded, bobs, "bob@example.com", "bob's long password")).status).toBe(303);
    bobs.cookies.delete("authpi_session");
    const alices = await trustedBrowser(seeded);
    const elsewhere = await seedIssuer(DB);
    await lockAlice(seeded);
    await lockAlice(elsewhere);

    // Bob's browser is no trusted device of Alice's.
    expect((await signIn(seeded, bobs, "alice@example.com", seeded.password)).status).toBe(403);
    // Alice's cookie, altered by one character, is no cookie.
    const value = alices.cookies.get("authpi_device") as string;
    const forged = new TestBrowser({ ip: freshIp() });
    const flipped = value.at(-2) === "A" ? "B" : "A";
    forged.cookies.set("authpi_device", `${value.slice(0, -2)}${flipped}${value.at(-1)}`);
    expect((await signIn(seeded, forged, "alice@example.com", seeded.password)).status).toBe(403);
    // Nor does it vouch for the Alice of another issuer.
    const moved = new TestBrowser({ ip: freshIp() });
    moved.cookies.set("authpi_device", value);
    expect((await signIn(elsewhere, moved, "alice@example.com", elsewhere.password)).status).toBe(
      403,
    );
    // Unaltered, at its own issuer, it still works.
    expect((await signIn(seeded, alices, "alice@example.com", seeded.password)).status).toBe(303);
  });

  it("says the same for unknown and known usernames while locked or throttled", async () => {
    const seeded = await seedIssuer(DB);
    const attacker = new TestBrowser({ ip: freshIp() });
    for (let i = 0; i < 5; i++) {
      await signIn(seeded, attacker, "nobody@example.com", `guess ${i}`);
      await signIn(seeded, attacker, "alice@example.com", `guess ${i}`);
    }
    const unknown = await signIn(seeded, attacker, "nobody@example.com", "x");
    const known = await signIn(seeded, attacker, "alice@example.com", "x");
    expect(unknown.status).toBe(403);
    expect(known.status).toBe(403);
    expect(await alert(unknown)).toBe(await alert(known));
  });

  it("applies the same rules to the invitation page, the other way to sign in with a password", async () => {
    const seeded = await seedIssuer(DB);
    const org = await createOrganization(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateOrganizationInput.parse({ name: "Acme" }),
    );
    const row = await createInvitation(
      seeded.db,
      seeded.ctx,
      bindings.KEY_ENCRYPTION_SECRET,
      { issuerId: seeded.issuer.id, orgId: org.id },
      CreateInvitationInput.parse({ email_invited: "alice@example.com", scopes: ["a:read"] }),
    );
    const token = await open(
      bindings.KEY_ENCRYPTION_SECRET,
      INVITATION_TOKEN_PURPOSE,
      row.tokenSealed,
    );
    const path = `/${seeded.issuer.id}/invitations/accept`;
    const accept = async (browser: TestBrowser) => {
      const page = await (await browser.fetch(`${path}?token=${encodeURIComponent(token)}`)).text();
      const csrf = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? "";
      return browser.fetch(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token, csrf_token: csrf, password: seeded.password }),
      });
    };
    const users = await trustedBrowser(seeded);
    await lockAlice(seeded);

    const unknown = await accept(new TestBrowser({ ip: freshIp() }));
    expect(unknown.status).toBe(403);
    expect(await alert(unknown)).toBe(LOCKED);
    const trusted = await accept(users);
    expect(trusted.status).toBe(200);
    expect(await trusted.text()).toContain("You joined Acme");
  });
});
