import { createDb } from "@authpi/domain/db";
import { type KeyRing, loadKeyRing } from "@authpi/domain/signing-keys";
import type { Env } from "./env.ts";

/**
 * An issuer's signing keys (the deployment's and its own, shared with the IdP through D1), to
 * mint and check its tokens.
 */
export function keyRing(env: Env, issuerId: string, now: number): Promise<KeyRing> {
  return loadKeyRing(createDb(env.DB), { now, secret: env.KEY_ENCRYPTION_SECRET, issuerId });
}
