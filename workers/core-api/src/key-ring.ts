import { createDb } from "@authpi/domain/db";
import { type KeyRing, loadKeyRing } from "@authpi/domain/signing-keys";
import type { Env } from "./env.ts";

/** The deployment's signing keys (shared with the IdP through D1), to mint and check tokens. */
export function keyRing(env: Env, now: number): Promise<KeyRing> {
  return loadKeyRing(createDb(env.DB), { now, secret: env.KEY_ENCRYPTION_SECRET });
}
