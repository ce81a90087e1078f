import type { MutationContext } from "@authpi/domain/events";
import { completeEnrollment, createUserVerifier } from "@authpi/domain/users";
import type { seedIssuer } from "@authpi/testkit/factories";
import { Secret, TOTP } from "otpauth";

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

/** The code an authenticator app shows at `now` for this secret. */
export function totpCode(secret: string, now: number): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  return totp.generate({ timestamp: now });
}

/** Enrolls a TOTP app for the seeded user, as the Core API does; returns the secret and backup codes. */
export async function enrollTotp(seeded: Seeded, sealKey: string, now: number) {
  const ctx: MutationContext = {
    now,
    accountId: seeded.accountId,
    actor: { type: "system", id: null },
    source: "core-api",
  };
  const target = {
    issuerId: seeded.issuer.id,
    userId: seeded.user.id,
    issuerName: seeded.issuer.name ?? "",
  };
  const created = await createUserVerifier(seeded.db, ctx, sealKey, target, { type: "totp_app" });
  if (created.kind !== "enrollment") throw new Error("expected an enrollment");
  const { secret, enrollment_id } = created.enrollment;
  // Enrolled one step in the past, so the test's own codes at `now` are fresh.
  const result = await completeEnrollment(seeded.db, ctx, sealKey, target, {
    enrollment_id,
    code: totpCode(secret, now - 30_000),
  });
  if (!result.success || !result.backup_codes) throw new Error("enrollment failed");
  return { secret, verifierId: enrollment_id, backupCodes: result.backup_codes };
}
