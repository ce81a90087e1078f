import { env } from "cloudflare:workers";
import { hashPassword, hashPbkdf2 } from "@authpi/domain/crypto";
import { userVerifiers } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

function authorizePath(seeded: Seeded) {
  const params = new URLSearchParams({
    client_id: seeded.web.client.id,
    redirect_uri: "https://app.example.com/callback",
    response_type: "code",
    scope: "openid",
    state: "xyz",
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  });
  return `/${seeded.issuer.id}/authorize?${params}`;
}

/** Submits the hosted sign-in form, as a browser does. */
async function signIn(seeded: Seeded, password: string) {
  const browser = new TestBrowser();
  const page = await (await browser.fetch(authorizePath(seeded))).text();
  return browser.submitLogin(seeded.issuer.id, page, "alice@example.com", password);
}

async function storeHash(seeded: Seeded, secretHash: string) {
  await seeded.db
    .update(userVerifiers)
    .set({ secretHash })
    .where(and(eq(userVerifiers.userId, seeded.user.id), eq(userVerifiers.type, "password")));
}

async function storedHash(seeded: Seeded): Promise<string> {
  const row = await seeded.db.query.userVerifiers.findFirst({
    where: and(eq(userVerifiers.userId, seeded.user.id), eq(userVerifiers.type, "password")),
  });
  return row?.secretHash as string;
}

describe("password hashes move to today's Argon2id at sign-in", { timeout: 60_000 }, () => {
  it("signs in a user stored with PBKDF2 and stores their password as Argon2id", async () => {
    const seeded = await seedIssuer(DB);
    const legacy = await hashPbkdf2(seeded.password);
    await storeHash(seeded, legacy);

    expect((await signIn(seeded, seeded.password)).status).toBe(303);
    const upgraded = await storedHash(seeded);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await signIn(seeded, seeded.password)).status).toBe(303);
    expect(await storedHash(seeded)).toBe(upgraded);
  });

  it("leaves a PBKDF2 hash alone when the password is wrong", async () => {
    const seeded = await seedIssuer(DB);
    const legacy = await hashPbkdf2(seeded.password);
    await storeHash(seeded, legacy);

    expect((await signIn(seeded, "not the password")).status).toBe(401);
    expect(await storedHash(seeded)).toBe(legacy);
  });

  it("re-hashes Argon2id stored under older parameters", async () => {
    const seeded = await seedIssuer(DB);
    await storeHash(
      seeded,
      await hashPassword(seeded.password, { memoryKib: 9_216, iterations: 4, parallelism: 1 }),
    );

    expect((await signIn(seeded, seeded.password)).status).toBe(303);
    expect(await storedHash(seeded)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("refuses a sign-in against a stored hash it cannot parse, without re-hashing", async () => {
    const seeded = await seedIssuer(DB);
    const broken = `${await storedHash(seeded)}=`;
    await storeHash(seeded, broken);

    expect((await signIn(seeded, seeded.password)).status).toBe(401);
    expect(await storedHash(seeded)).toBe(broken);
  });
});
