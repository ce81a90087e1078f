import { createDb } from "@authpi/domain/db";
import {
  type KeyRing,
  keyGeneration,
  loadKeyRing,
  rotateSigningKeys,
} from "@authpi/domain/signing-keys";
import type { Env } from "./env.ts";

const TTL_MS = 60_000;
/** Rings of the issuers this isolate served lately; bounded so a long-lived isolate stays small. */
const MAX_CACHED = 500;
const cached = new Map<string, { ring: Promise<KeyRing>; loadedAt: number }>();

/**
 * An issuer's key ring (the deployment's keys and its own), cached per isolate for a minute
 * and reloaded when a rotation is due.
 */
export function keyRing(env: Env, issuerId: string, now: number): Promise<KeyRing> {
  let entry = cached.get(issuerId);
  if (!entry || now - entry.loadedAt > TTL_MS) {
    if (cached.size >= MAX_CACHED) cached.clear();
    const ring = loadKeyRing(createDb(env.DB), {
      now,
      secret: env.KEY_ENCRYPTION_SECRET,
      issuerId,
    });
    entry = { ring, loadedAt: now };
    cached.set(issuerId, entry);
    ring.catch(() => cached.delete(issuerId));
  }
  return entry.ring.then((ring) => {
    if (ring.generation === keyGeneration(now)) return ring;
    cached.delete(issuerId);
    return keyRing(env, issuerId, now);
  });
}

/** The cron entry point: create the new generation when due and drop retired keys. */
export async function rotateKeys(env: Env, now: number) {
  const rotated = await rotateSigningKeys(createDb(env.DB), {
    now,
    secret: env.KEY_ENCRYPTION_SECRET,
  });
  cached.clear();
  return rotated;
}
