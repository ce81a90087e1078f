import { and, asc, desc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { sha256Hex } from "../crypto/hash.ts";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events, trustedDevices } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { checkIfMatch, etagOf } from "../etag.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { getUser } from "../users/manage-users.ts";
import { type TrustedDeviceRow, trustedDeviceEtag } from "./trusted-device-wire.ts";

/** A user keeps at most this many trusted devices; trusting one more drops the oldest. */
export const MAX_TRUSTED_DEVICES = 20;
const DAY_S = 86_400;

/** `fingerprint`: the device's secret token (what the IdP's device cookie will hold), ≥ 16 chars. */
export const TrustDeviceInput = z.strictObject({
  fingerprint: z.string().min(16).max(512),
  name: z.string().trim().min(1).max(200).nullish(),
  user_agent: z.string().max(1000).nullish(),
  ttl_seconds: z
    .number()
    .int()
    .min(3600)
    .max(365 * DAY_S)
    .default(30 * DAY_S),
});
export type TrustDeviceInput = z.output<typeof TrustDeviceInput>;

function deviceEvent(
  ctx: MutationContext,
  type: "user.device.trusted" | "user.device.revoked",
  issuerId: string,
  userId: string,
  data: Record<string, unknown>,
) {
  return buildEventRow(ctx, { type, issuerId, subject: { type: "user", id: userId }, data });
}

/** The user's devices that are still trusted, most recently trusted first. */
export async function listTrustedDevices(
  db: Db,
  issuerId: string,
  userId: string,
  now: number,
): Promise<TrustedDeviceRow[]> {
  await getUser(db, issuerId, userId);
  return db
    .select()
    .from(trustedDevices)
    .where(and(eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, now)))
    .orderBy(desc(trustedDevices.trustedAt), desc(trustedDevices.id));
}

/**
 * Trusts a device for `ttl_seconds` (default 30 days), storing only the SHA-256 of its token;
 * the same token again renews it. Past 20 devices the oldest is revoked in the same batch.
 */
export async function trustDevice(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  input: TrustDeviceInput,
): Promise<TrustedDeviceRow> {
  await getUser(db, issuerId, userId);
  const tokenHash = await sha256Hex(input.fingerprint);
  const devices = await db
    .select()
    .from(trustedDevices)
    .where(eq(trustedDevices.userId, userId))
    .orderBy(asc(trustedDevices.trustedAt), asc(trustedDevices.id));
  const same = devices.find((d) => d.tokenHash === tokenHash);
  const row: TrustedDeviceRow = {
    id: same?.id ?? newId("trustedDevice", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    userId,
    tokenHash,
    name: input.name ?? same?.name ?? null,
    userAgent: input.user_agent ?? same?.userAgent ?? null,
    trustedAt: ctx.now,
    expiresAt: ctx.now + input.ttl_seconds * 1000,
    lastUsedAt: same?.lastUsedAt ?? null,
  };
  const others = devices.filter((d) => d !== same);
  const evicted = others.slice(0, Math.max(0, others.length + 1 - MAX_TRUSTED_DEVICES));
  await db.batch([
    same
      ? db.update(trustedDevices).set(row).where(eq(trustedDevices.id, row.id))
      : db.insert(trustedDevices).values(row),
    ...(evicted.length
      ? [
          db.delete(trustedDevices).where(
            inList(
              trustedDevices.id,
              evicted.map((d) => d.id),
            ),
          ),
          db.insert(events).values(
            deviceEvent(ctx, "user.device.revoked", issuerId, userId, {
              device_ids: evicted.map((d) => d.id),
              reason: "limit",
            }),
          ),
        ]
      : []),
    db.insert(events).values(
      deviceEvent(ctx, "user.device.trusted", issuerId, userId, {
        device_id: row.id,
        expires_at: row.expiresAt,
      }),
    ),
  ]);
  return row;
}

/** Revokes one device (expired or not). */
export async function revokeTrustedDevice(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  deviceId: string,
  ifMatch?: string | null,
): Promise<void> {
  await getUser(db, issuerId, userId);
  const device = await db.query.trustedDevices.findFirst({
    where: and(eq(trustedDevices.id, deviceId), eq(trustedDevices.userId, userId)),
  });
  if (!device) throw notFound("Trusted device");
  checkIfMatch(ifMatch, trustedDeviceEtag(device));
  await db.batch([
    db.delete(trustedDevices).where(eq(trustedDevices.id, deviceId)),
    db
      .insert(events)
      .values(
        deviceEvent(ctx, "user.device.revoked", issuerId, userId, { device_ids: [deviceId] }),
      ),
  ]);
}

/** Revokes every device of the user (`If-Match` against the user); returns how many were trusted. */
export async function revokeAllTrustedDevices(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  ifMatch?: string | null,
): Promise<number> {
  const user = await getUser(db, issuerId, userId);
  checkIfMatch(ifMatch, etagOf(user));
  const live = await db
    .select({ id: trustedDevices.id })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.userId, userId), gt(trustedDevices.expiresAt, ctx.now)));
  await db.batch([
    db.delete(trustedDevices).where(eq(trustedDevices.userId, userId)),
    db.insert(events).values(
      deviceEvent(ctx, "user.device.revoked", issuerId, userId, {
        device_ids: live.map((d) => d.id),
        reason: "revoke_all",
      }),
    ),
  ]);
  return live.length;
}

/**
 * Whether `token` is a device the user trusts at `now` (for the IdP's MFA step); records the
 * use. Only the token's hash is compared, so a leaked table reveals no device token.
 */
export async function isTrustedDevice(
  db: Db,
  issuerId: string,
  userId: string,
  token: string,
  now: number,
): Promise<boolean> {
  const tokenHash = await sha256Hex(token);
  const device = await db.query.trustedDevices.findFirst({
    where: and(
      eq(trustedDevices.userId, userId),
      eq(trustedDevices.issuerId, issuerId),
      eq(trustedDevices.tokenHash, tokenHash),
      gt(trustedDevices.expiresAt, now),
    ),
  });
  if (!device) return false;
  await db.update(trustedDevices).set({ lastUsedAt: now }).where(eq(trustedDevices.id, device.id));
  return true;
}
