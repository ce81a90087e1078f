import { and, eq, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { sha256Hex, timingSafeEqual } from "../crypto/hash.ts";
import { open } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { userVerifiers } from "../db/schema.ts";
import { normalizeBackupCode } from "../users/backup-codes.ts";
import { TOTP_PURPOSE, type UserVerifierRow } from "../users/user-verifiers.ts";

/** The 30-second step a code belongs to (RFC 6238 §4), ±1 step of `now` (§5.2), or null. */
export async function totpStep(
  sealKey: string,
  row: UserVerifierRow,
  code: string,
  now: number,
): Promise<number | null> {
  if (!/^\d{6,8}$/.test(code)) return null;
  const credential = row.credential ?? {};
  const period = (credential.period as number | undefined) ?? 30;
  const secret = await open(sealKey, TOTP_PURPOSE, credential.secret_sealed as string);
  const totp = new TOTP({
    algorithm: (credential.algorithm as string | undefined) ?? "SHA1",
    digits: (credential.digits as number | undefined) ?? 6,
    period,
    secret: Secret.fromBase32(secret),
  });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / period) + delta;
}

/**
 * Records `step` as used, atomically in D1: it succeeds only when no code of this or a later
 * step was accepted before, so a code is never accepted twice (RFC 6238 §5.2).
 */
export async function claimTotpStep(db: Db, verifierId: string, step: number, now: number) {
  const claimed = await db
    .update(userVerifiers)
    .set({
      credential: sql`json_set(${userVerifiers.credential}, '$.last_step', ${step})`,
      usageCount: sql`${userVerifiers.usageCount} + 1`,
      lastUsedAt: now,
    })
    .where(
      and(
        eq(userVerifiers.id, verifierId),
        sql`coalesce(json_extract(${userVerifiers.credential}, '$.last_step'), -1) < ${step}`,
      ),
    )
    .returning({ id: userVerifiers.id });
  return claimed.length === 1;
}

/** Checks a TOTP code and spends its step; false for a wrong or already used code. */
export async function useTotpCode(
  db: Db,
  sealKey: string,
  row: UserVerifierRow,
  code: string,
  now: number,
): Promise<boolean> {
  const step = await totpStep(sealKey, row, code.trim(), now);
  return step !== null && (await claimTotpStep(db, row.id, step, now));
}

/**
 * Spends one backup code: the update only applies to the list it was computed from
 * (compare-and-swap), so two uses of one code, or two codes at once, cannot both keep a
 * spent code alive. Returns the codes left, or null when the code is not (or no longer) valid.
 */
export async function useBackupCode(
  db: Db,
  row: UserVerifierRow,
  code: string,
  now: number,
): Promise<number | null> {
  const hash = await sha256Hex(normalizeBackupCode(code));
  let current = row;
  for (let attempt = 0; attempt < 3; attempt++) {
    const hashes = (current.credential?.hashes as string[] | undefined) ?? [];
    if (!hashes.some((h) => timingSafeEqual(h, hash))) return null;
    const left = hashes.filter((h) => h !== hash);
    const swapped = await db
      .update(userVerifiers)
      .set({
        credential: { ...current.credential, hashes: left },
        usageCount: sql`${userVerifiers.usageCount} + 1`,
        lastUsedAt: now,
      })
      .where(
        and(
          eq(userVerifiers.id, row.id),
          sql`json_extract(${userVerifiers.credential}, '$.hashes') = ${JSON.stringify(hashes)}`,
        ),
      )
      .returning({ id: userVerifiers.id });
    if (swapped.length === 1) return left.length;
    const fresh = await db.query.userVerifiers.findFirst({ where: eq(userVerifiers.id, row.id) });
    if (fresh?.status !== "active") return null;
    current = fresh;
  }
  return null;
}
