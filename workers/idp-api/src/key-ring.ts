import { createDb } from "@authpi/domain/db";
import {
  type KeyRing,
  keyGeneration,
  loadKeyRing,
  rotateSigningKeys,
} from "@authpi/domain/signing-keys";
import type { Env } from "./env.ts";

const TTL_MS = 60_000;
let cached: { ring: Promise<KeyRing>; loadedAt: number } | undefined;

/** The key ring, cached per isolate for a minute and reloaded when a rotation is due. */
export function keyRing(env: Env, now: number): Promise<KeyRing> {
  if (!cached || now - cached.loadedAt > TTL_MS) {
    const ring = loadKeyRing(createDb(env.DB), { now, secret: env.KEY_ENCRYPTION_SECRET });
    cached = { ring, loadedAt: now };
    ring.catch(() => {
      cached = undefined;
    });
  }
  return cached.ring.then((ring) => {
    if (ring.generation === keyGeneration(now)) return ring;
    cached = undefined;
    return keyRing(env, now);
  });
}

/** The cron entry point: create the new generation when due and drop expired keys. */
export async function rotateKeys(env: Env, now: number): Promise<void> {
  await rotateSigningKeys(createDb(env.DB), { now, secret: env.KEY_ENCRYPTION_SECRET });
  cached = undefined;
}
