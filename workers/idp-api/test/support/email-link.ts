import { createAuthMethod } from "@authpi/domain/auth-methods";
import type { Seeded } from "./login-flow.ts";

/** Turns on email sign-in (`email-link`) for the seeded issuer. */
export function enableEmailSignIn(seeded: Seeded, sealKey: string) {
  return createAuthMethod(seeded.db, seeded.ctx, sealKey, seeded.issuer.id, {
    name: "Email code",
    method: "email-link",
    enabled: true,
    settings: {},
  } as never);
}
