import { env } from "cloudflare:workers";
import { compactVerify, importJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createDb } from "../db/client.ts";
import { signingKeys } from "../db/schema.ts";
import { loadKeyRing, rotateSigningKeys } from "./key-ring.ts";
import { keyGeneration, PUBLISH_LEAD_MS } from "./rotation.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const secret = "unit-test-secret";
const DAY = 86_400_000;

describe("keyGeneration", () => {
  it("changes on the last day of the month at 01:00 UTC", () => {
    expect(keyGeneration(Date.UTC(2026, 10, 15))).toBe("2026-10-31");
    expect(keyGeneration(Date.UTC(2026, 10, 30, 0, 59))).toBe("2026-10-31");
    expect(keyGeneration(Date.UTC(2026, 10, 30, 1, 0))).toBe("2026-11-30");
    expect(keyGeneration(Date.UTC(2026, 0, 10))).toBe("2025-12-31");
  });
});

describe("key ring", () => {
  it("creates one key per algorithm, publishes public parts only and signs with them", async () => {
    const db = createDb(DB);
    await db.delete(signingKeys);
    const ring = await loadKeyRing(db, { now: Date.UTC(2026, 10, 15), secret });
    expect(ring.jwks.keys.map((k) => k.alg).sort()).toEqual(["ES256", "EdDSA", "RS256"]);
    for (const key of ring.jwks.keys) {
      expect(key).toMatchObject({ use: "sig" });
      expect(key.kid).toMatch(/^[0-9a-f-]{36}$/);
      expect(key).not.toHaveProperty("d");
    }
    const stored = await db.select().from(signingKeys);
    expect(stored.every((row) => !row.privateJwkSealed.includes('"d"'))).toBe(true);
    for (const alg of ["ES256", "EdDSA", "RS256"] as const) {
      const { kid, key } = await ring.signingKey(alg);
      const jwt = await new SignJWT({ a: 1 }).setProtectedHeader({ alg, kid }).sign(key);
      await compactVerify(jwt, await importJWK(ring.publicKey(kid)!, alg));
    }
    // Chosen, unsealed and imported once per ring: every later signature gets the same key.
    expect(ring.signingKey("ES256")).toBe(ring.signingKey("ES256"));
    expect(ring.signingKey("ES256")).not.toBe(ring.signingKey("RS256"));
  });

  it("rotates monthly, keeps two generations and drops keys past 45 days", async () => {
    const db = createDb(DB);
    await db.delete(signingKeys);
    const first = Date.UTC(2026, 8, 10);
    await rotateSigningKeys(db, { now: first, secret });
    await rotateSigningKeys(db, { now: first + DAY, secret });
    expect(await db.select().from(signingKeys)).toHaveLength(3);
    const rotation = Date.UTC(2026, 8, 30, 1, 5);
    await rotateSigningKeys(db, { now: rotation, secret });
    expect(await db.select().from(signingKeys)).toHaveLength(6);
    const newest = (await db.select().from(signingKeys)).filter(
      (r) => r.generation === "2026-09-30",
    );
    const newKid = newest.find((r) => r.alg === "ES256")!.kid;
    // Published at once, signing only once every JWKS cache has seen it.
    const ring = await loadKeyRing(db, { now: rotation, secret });
    expect(ring.publicKey(newKid)).toBeDefined();
    expect((await ring.signingKey("ES256")).kid).not.toBe(newKid);
    const later = await loadKeyRing(db, { now: rotation + PUBLISH_LEAD_MS, secret });
    expect((await later.signingKey("ES256")).kid).toBe(newKid);
    await rotateSigningKeys(db, { now: first + 46 * DAY, secret });
    const left = await db.select().from(signingKeys);
    expect(left.map((r) => r.generation).sort()).toEqual(Array(3).fill("2026-09-30"));
  });

  it("is safe when two callers rotate at once", async () => {
    const db = createDb(DB);
    await db.delete(signingKeys);
    const now = Date.UTC(2026, 10, 15);
    await Promise.all([
      rotateSigningKeys(db, { now, secret }),
      rotateSigningKeys(db, { now, secret }),
    ]);
    expect(await db.select().from(signingKeys)).toHaveLength(3);
  });
});
