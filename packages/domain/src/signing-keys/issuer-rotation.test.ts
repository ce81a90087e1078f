import { env } from "cloudflare:workers";
import { createLocalJWKSet, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createDb } from "../db/client.ts";
import { events, signingKeys } from "../db/schema.ts";
import type { MutationContext } from "../events/event.ts";
import { loadKeyRing, rotateIssuerKeys } from "./key-ring.ts";
import { KEY_RETENTION_MS, MAX_TOKEN_LIFETIME_MS, PUBLISH_LEAD_MS } from "./rotation.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const secret = "unit-test-secret";
const T = Date.UTC(2026, 10, 15);

function ctx(now: number): MutationContext {
  return {
    now,
    accountId: "acc_rotation",
    actor: { type: "api_key", id: "key_x" },
    source: "core-api",
  };
}

async function sign(ring: Awaited<ReturnType<typeof loadKeyRing>>) {
  const { kid, key } = await ring.signingKey("ES256");
  const jwt = await new SignJWT({ sub: "u" }).setProtectedHeader({ alg: "ES256", kid }).sign(key);
  return { kid, jwt };
}

describe("an issuer's key rotation (publish first, sign later, retire last)", () => {
  it("publishes the new key at once and signs with it only after the lead time", async () => {
    const db = createDb(DB);
    await db.delete(signingKeys);
    const issuerId = "i_rotation_a";
    const before = await sign(await loadKeyRing(db, { now: T, secret, issuerId }));
    const { created, activatesAt } = await rotateIssuerKeys(db, ctx(T + 1), issuerId, secret);
    expect(activatesAt).toBe(T + 1 + PUBLISH_LEAD_MS);
    const newKid = created.find((row) => row.alg === "ES256")?.kid as string;

    // A verifier fetches the JWKS right after the rotation, before the new key signs...
    const published = await loadKeyRing(db, { now: T + 2, secret, issuerId });
    expect(published.jwks.keys.map((k) => k.kid)).toContain(newKid);
    expect((await sign(published)).kid).toBe(before.kid);
    const cachedJwks = createLocalJWKSet(structuredClone(published.jwks));

    // ...and can verify the first token the new key signs.
    const first = await sign(await loadKeyRing(db, { now: activatesAt, secret, issuerId }));
    expect(first.kid).toBe(newKid);
    await jwtVerify(first.jwt, cachedJwks);
    // A token signed before the rotation still verifies after it.
    const later = await loadKeyRing(db, {
      now: activatesAt + MAX_TOKEN_LIFETIME_MS - 1,
      secret,
      issuerId,
    });
    await jwtVerify(before.jwt, createLocalJWKSet(later.jwks));
  });

  it("records signing-key.rotated in the same write", async () => {
    const db = createDb(DB);
    await rotateIssuerKeys(db, ctx(T), "i_rotation_e", secret);
    const rows = (await db.select().from(events)).filter((e) => e.issuerId === "i_rotation_e");
    expect(rows.map((e) => e.type)).toEqual(["signing-key.rotated"]);
    expect(rows[0]?.data).toMatchObject({ activates_at: T + PUBLISH_LEAD_MS, trigger: "api" });
  });

  it("keeps another issuer's keys out of this issuer's ring", async () => {
    const db = createDb(DB);
    await db.delete(signingKeys);
    await loadKeyRing(db, { now: T, secret });
    const { created } = await rotateIssuerKeys(db, ctx(T), "i_rotation_b", secret);
    const other = await loadKeyRing(db, {
      now: T + PUBLISH_LEAD_MS,
      secret,
      issuerId: "i_rotation_c",
    });
    for (const row of created) expect(other.publicKey(row.kid)).toBeUndefined();
    expect(created.map((row) => row.kid)).not.toContain((await sign(other)).kid);
  });

  it("retires a replaced key only when no token it signed can still be alive", async () => {
    const db = createDb(DB);
    await db.delete(signingKeys);
    const issuerId = "i_rotation_d";
    const first = await rotateIssuerKeys(db, ctx(T), issuerId, secret);
    const second = await rotateIssuerKeys(db, ctx(T + KEY_RETENTION_MS), issuerId, secret);
    const oldKid = first.created[0]?.kid as string;
    const kids = async () => (await db.select().from(signingKeys)).map((row) => row.kid);
    // Replaced at second.activatesAt: kept while its tokens may live (21 days after that).
    await rotateIssuerKeys(
      db,
      ctx(second.activatesAt + MAX_TOKEN_LIFETIME_MS - 1),
      issuerId,
      secret,
    );
    expect(await kids()).toContain(oldKid);
    await rotateIssuerKeys(
      db,
      ctx(second.activatesAt + MAX_TOKEN_LIFETIME_MS + 1),
      issuerId,
      secret,
    );
    expect(await kids()).not.toContain(oldKid);
  });
});
