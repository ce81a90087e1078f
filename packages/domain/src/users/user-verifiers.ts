import { and, desc, eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { z } from "zod";
import { sha256Hex, timingSafeEqual } from "../crypto/hash.ts";
import { hashPassword } from "../crypto/password.ts";
import { open, seal } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { events, userVerifiers } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { newBackupCodes, normalizeBackupCode } from "./backup-codes.ts";
import { Password } from "./create-user.ts";
import { getUser } from "./manage-users.ts";

export type UserVerifierRow = typeof userVerifiers.$inferSelect;

/** An unconfirmed TOTP enrollment lapses after ten minutes. */
export const ENROLLMENT_TTL_MS = 10 * 60_000;
/** The purpose label TOTP secrets are sealed under. */
export const TOTP_PURPOSE = "totp-secret";

export const CreateUserVerifierInput = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("password"),
    password: Password,
    name: z.string().max(200).nullish(),
  }),
  z.strictObject({ type: z.literal("totp_app"), name: z.string().max(200).nullish() }),
]);
export type CreateUserVerifierInput = z.output<typeof CreateUserVerifierInput>;

export const CompleteEnrollmentInput = z.strictObject({
  enrollment_id: z.string().min(1).max(100),
  code: z.string().regex(/^\d{6}$/, "must be the 6-digit code from the app"),
});

export const VerifyCodeInput = z.strictObject({ code: z.string().min(1).max(100) });

export const UpdateUserVerifierInput = z.strictObject({
  name: z.string().max(200).nullish(),
  status: z.enum(["active", "disabled"]).optional(),
});

/** A verifier as the API shows it: never a hash, a sealed secret or a code. */
export function userVerifierToWire(row: UserVerifierRow) {
  const credential = row.credential ?? {};
  const visible =
    row.type === "totp_app"
      ? { algorithm: credential.algorithm, digits: credential.digits, period: credential.period }
      : row.type === "backup_codes"
        ? { remaining: ((credential.hashes as string[] | undefined) ?? []).length }
        : row.type === "webauthn"
          ? {
              credential_id: credential.credential_id,
              transports: credential.transports,
              device_type: credential.device_type,
              backed_up: credential.backed_up,
              counter: credential.counter,
              aaguid: credential.aaguid,
            }
          : {};
  return {
    id: row.id,
    user_id: row.userId,
    type: row.type,
    status: row.status,
    name: row.name,
    credential: visible,
    usage_count: row.usageCount,
    last_used_at: row.lastUsedAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

function recorded(ctx: MutationContext, type: EventType, row: UserVerifierRow) {
  return buildEventRow(ctx, {
    type,
    issuerId: row.issuerId,
    subject: { type: "user", id: row.userId },
    data: { verifier_id: row.id, verifier_type: row.type },
  });
}

/** Lists a user's verifiers; pending enrollments that lapsed are left out. */
export async function listUserVerifiers(db: Db, issuerId: string, userId: string, now: number) {
  await getUser(db, issuerId, userId);
  const rows = await db
    .select()
    .from(userVerifiers)
    .where(and(eq(userVerifiers.userId, userId), eq(userVerifiers.issuerId, issuerId)))
    .orderBy(desc(userVerifiers.id));
  return rows.filter((row) => row.status !== "pending" || enrollmentLive(row, now));
}

export async function getUserVerifier(
  db: Db,
  issuerId: string,
  userId: string,
  verifierId: string,
): Promise<UserVerifierRow> {
  const row = await db.query.userVerifiers.findFirst({
    where: and(
      eq(userVerifiers.id, verifierId),
      eq(userVerifiers.userId, userId),
      eq(userVerifiers.issuerId, issuerId),
    ),
  });
  if (!row) throw notFound("Verifier");
  return row;
}

function enrollmentLive(row: UserVerifierRow, now: number): boolean {
  return ((row.credential?.enrollment_expires_at as number | undefined) ?? 0) > now;
}

function totpFor(secretBase32: string, label: string, issuer: string): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A TOTP code of the verifier's app, at `now` or one 30-second step either side. */
async function totpCodeValid(
  sealKey: string,
  row: UserVerifierRow,
  code: string,
  now: number,
): Promise<boolean> {
  const secret = await open(sealKey, TOTP_PURPOSE, row.credential?.secret_sealed as string);
  return totpFor(secret, "", "").validate({ token: code, timestamp: now, window: 1 }) !== null;
}

export type CreatedUserVerifier =
  | { kind: "verifier"; verifier: UserVerifierRow }
  | {
      kind: "enrollment";
      enrollment: {
        enrollment_id: string;
        secret: string;
        provisioning_uri: string;
        expires_at: number;
      };
    };

/**
 * Adds a credential. A password replaces the current one at once (Argon2id at rest); a TOTP app
 * starts an enrollment: the secret and `otpauth://` URI are returned once, and the factor
 * only counts after {@link completeEnrollment} proves the app produces its codes.
 */
export async function createUserVerifier(
  db: Db,
  ctx: MutationContext,
  sealKey: string,
  target: { issuerId: string; userId: string; issuerName: string },
  input: CreateUserVerifierInput,
): Promise<CreatedUserVerifier> {
  const user = await getUser(db, target.issuerId, target.userId);
  const base = {
    id: newId("verifier", ctx.now),
    userId: user.id,
    issuerId: target.issuerId,
    name: input.name ?? null,
    usageCount: 0,
    lastUsedAt: null,
    createdAt: ctx.now,
    updatedAt: null,
  };
  if (input.type === "password") {
    const row: UserVerifierRow = {
      ...base,
      type: "password",
      status: "active",
      secretHash: await hashPassword(input.password),
      credential: null,
    };
    await db.batch([
      db
        .delete(userVerifiers)
        .where(and(eq(userVerifiers.userId, user.id), eq(userVerifiers.type, "password"))),
      db.insert(userVerifiers).values(row),
      db.insert(events).values(recorded(ctx, "user.password.changed", row)),
    ]);
    return { kind: "verifier", verifier: row };
  }
  const secret = new Secret({ size: 20 }).base32;
  const totp = totpFor(secret, user.username, target.issuerName);
  const expiresAt = ctx.now + ENROLLMENT_TTL_MS;
  const row: UserVerifierRow = {
    ...base,
    type: "totp_app",
    status: "pending",
    secretHash: null,
    credential: {
      secret_sealed: await seal(sealKey, TOTP_PURPOSE, secret),
      algorithm: "SHA1",
      digits: 6,
      period: 30,
      enrollment_expires_at: expiresAt,
    },
  };
  await db.insert(userVerifiers).values(row);
  return {
    kind: "enrollment",
    enrollment: {
      enrollment_id: row.id,
      secret,
      provisioning_uri: totp.toString(),
      expires_at: expiresAt,
    },
  };
}

/**
 * Confirms a TOTP enrollment with a current code (±1 step). On success the factor is active
 * and a fresh set of backup codes is returned once (their SHA-256 is kept).
 */
export async function completeEnrollment(
  db: Db,
  ctx: MutationContext,
  sealKey: string,
  target: { issuerId: string; userId: string },
  input: z.output<typeof CompleteEnrollmentInput>,
): Promise<{ success: boolean; verifier_id?: string; backup_codes?: string[]; error?: string }> {
  const row = await getUserVerifier(db, target.issuerId, target.userId, input.enrollment_id);
  if (row.type !== "totp_app" || row.status !== "pending" || !enrollmentLive(row, ctx.now)) {
    throw new DomainError(
      "CONFLICT",
      "no pending TOTP enrollment with this id (it may have lapsed)",
    );
  }
  if (!(await totpCodeValid(sealKey, row, input.code, ctx.now))) {
    return { success: false, error: "invalid_code" };
  }
  const { enrollment_expires_at: _lapsed, ...credential } = row.credential ?? {};
  const active: UserVerifierRow = { ...row, status: "active", credential, updatedAt: ctx.now };
  const backup = await newBackupCodes();
  const backupRow: UserVerifierRow = {
    id: newId("verifier", ctx.now),
    userId: row.userId,
    issuerId: row.issuerId,
    type: "backup_codes",
    name: null,
    status: "active",
    secretHash: null,
    credential: { hashes: backup.hashes },
    usageCount: 0,
    lastUsedAt: null,
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.update(userVerifiers).set(active).where(eq(userVerifiers.id, row.id)),
    db
      .delete(userVerifiers)
      .where(and(eq(userVerifiers.userId, row.userId), eq(userVerifiers.type, "backup_codes"))),
    db.insert(userVerifiers).values(backupRow),
    db.insert(events).values(recorded(ctx, "user.verifier.created", active)),
  ]);
  return { success: true, verifier_id: row.id, backup_codes: backup.codes };
}

/** Checks a TOTP code or a backup code (single use) against a verifier. */
export async function verifyUserCode(
  db: Db,
  sealKey: string,
  row: UserVerifierRow,
  code: string,
  now: number,
): Promise<{ success: boolean; remaining?: number; error?: string }> {
  if (row.status !== "active") return { success: false, error: "verifier_inactive" };
  if (row.type === "totp_app") {
    const ok = await totpCodeValid(sealKey, row, code, now);
    if (ok) await touch(db, row, now, row.credential);
    return ok ? { success: true } : { success: false, error: "invalid_code" };
  }
  if (row.type === "backup_codes") {
    const hash = await sha256Hex(normalizeBackupCode(code));
    const hashes = (row.credential?.hashes as string[] | undefined) ?? [];
    const index = hashes.findIndex((h) => timingSafeEqual(h, hash));
    if (index < 0) return { success: false, remaining: hashes.length, error: "invalid_code" };
    const left = hashes.filter((_, i) => i !== index);
    await touch(db, row, now, { ...row.credential, hashes: left });
    return { success: true, remaining: left.length };
  }
  throw new DomainError("INVALID_REQUEST", `a ${row.type} verifier has no codes to verify`);
}

async function touch(db: Db, row: UserVerifierRow, now: number, credential: unknown) {
  await db
    .update(userVerifiers)
    .set({
      usageCount: row.usageCount + 1,
      lastUsedAt: now,
      credential: credential as Record<string, unknown>,
    })
    .where(eq(userVerifiers.id, row.id));
}

/** New backup codes for a user (the old ones stop working). */
export async function regenerateBackupCodes(
  db: Db,
  ctx: MutationContext,
  row: UserVerifierRow,
): Promise<{ codes: string[] }> {
  if (row.type !== "backup_codes") {
    throw new DomainError("INVALID_REQUEST", "only a backup_codes verifier can be regenerated");
  }
  const backup = await newBackupCodes();
  const next: UserVerifierRow = {
    ...row,
    credential: { hashes: backup.hashes },
    updatedAt: ctx.now,
  };
  await db.batch([
    db.update(userVerifiers).set(next).where(eq(userVerifiers.id, row.id)),
    db.insert(events).values(recorded(ctx, "user.verifier.updated", next)),
  ]);
  return { codes: backup.codes };
}

export async function updateUserVerifier(
  db: Db,
  ctx: MutationContext,
  row: UserVerifierRow,
  input: z.output<typeof UpdateUserVerifierInput>,
): Promise<UserVerifierRow> {
  if (row.status === "pending") throw new DomainError("CONFLICT", "finish the enrollment first");
  const next: UserVerifierRow = {
    ...row,
    name: input.name !== undefined ? input.name : row.name,
    status: input.status ?? row.status,
    updatedAt: ctx.now,
  };
  await db.batch([
    db.update(userVerifiers).set(next).where(eq(userVerifiers.id, row.id)),
    db.insert(events).values(recorded(ctx, "user.verifier.updated", next)),
  ]);
  return next;
}

export async function deleteUserVerifier(
  db: Db,
  ctx: MutationContext,
  row: UserVerifierRow,
): Promise<void> {
  await db.batch([
    db.delete(userVerifiers).where(eq(userVerifiers.id, row.id)),
    db.insert(events).values(recorded(ctx, "user.verifier.deleted", row)),
  ]);
}
