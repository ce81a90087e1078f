import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { newSecret } from "../api-keys/api-key-secret.ts";
import { sha256Hex } from "../crypto/hash.ts";
import type { Db } from "../db/client.ts";
import { registrationTokens } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import { ListQuery, type Page, toPage } from "../pagination.ts";

/** The plaintext prefix of an initial access token (docs/decisions/client-registration.md). */
export const REGISTRATION_TOKEN_PREFIX = "iat_";
const DAY = 86_400;

/** `expires_in` in seconds (at most 90 days; absent: never), `max_uses` (absent: no limit). */
export const CreateRegistrationTokenInput = z.strictObject({
  description: z.string().trim().max(500).nullish(),
  expires_in: z
    .number()
    .int()
    .min(60)
    .max(90 * DAY)
    .nullish(),
  max_uses: z.number().int().min(1).max(100_000).nullish(),
});
export type CreateRegistrationTokenInput = z.output<typeof CreateRegistrationTokenInput>;

export type RegistrationTokenRow = typeof registrationTokens.$inferSelect;

/** An initial access token as the Core API shows it: never the token, only its last characters. */
export function registrationTokenToWire(row: RegistrationTokenRow) {
  return {
    id: row.id,
    object: "registration_token" as const,
    issuer_id: row.issuerId,
    description: row.description,
    token_hint: row.tokenHint,
    max_uses: row.maxUses,
    uses: row.uses,
    expires_at: row.expiresAt,
    last_used_at: row.lastUsedAt,
    created_at: row.createdAt,
  };
}
export type RegistrationTokenWire = ReturnType<typeof registrationTokenToWire>;

/** Mints an initial access token (RFC 7591 §3): shown once, stored as SHA-256. */
export async function createRegistrationToken(
  db: Db,
  scope: { accountId: string; issuerId: string; now: number },
  input: CreateRegistrationTokenInput,
): Promise<{ token: RegistrationTokenRow; plain: string }> {
  const secret = await newSecret(REGISTRATION_TOKEN_PREFIX);
  const row: RegistrationTokenRow = {
    id: newId("registrationToken", scope.now),
    accountId: scope.accountId,
    issuerId: scope.issuerId,
    tokenHash: secret.hash,
    tokenHint: secret.hint,
    description: input.description ?? null,
    maxUses: input.max_uses ?? null,
    uses: 0,
    expiresAt: input.expires_in ? scope.now + input.expires_in * 1000 : null,
    lastUsedAt: null,
    createdAt: scope.now,
  };
  await db.insert(registrationTokens).values(row);
  return { token: row, plain: secret.plain };
}

export async function listRegistrationTokens(
  db: Db,
  issuerId: string,
  query: ListQuery,
): Promise<Page<RegistrationTokenWire>> {
  const { limit, cursor } = ListQuery.parse(query);
  const rows = await db
    .select()
    .from(registrationTokens)
    .where(
      and(
        eq(registrationTokens.issuerId, issuerId),
        cursor ? lt(registrationTokens.id, cursor) : undefined,
      ),
    )
    .orderBy(desc(registrationTokens.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => r.id, registrationTokenToWire);
}

export async function getRegistrationToken(
  db: Db,
  issuerId: string,
  tokenId: string,
): Promise<RegistrationTokenRow> {
  const [row] = await db
    .select()
    .from(registrationTokens)
    .where(and(eq(registrationTokens.issuerId, issuerId), eq(registrationTokens.id, tokenId)));
  if (!row) throw notFound("Registration token");
  return row;
}

/** Deletes the token: it stops working at once; clients it registered stay. */
export async function deleteRegistrationToken(
  db: Db,
  issuerId: string,
  tokenId: string,
): Promise<void> {
  await getRegistrationToken(db, issuerId, tokenId);
  await db
    .delete(registrationTokens)
    .where(and(eq(registrationTokens.issuerId, issuerId), eq(registrationTokens.id, tokenId)));
}

/** Not expired, and uses left. */
const live = (now: number) =>
  and(
    or(isNull(registrationTokens.expiresAt), gt(registrationTokens.expiresAt, now)),
    or(isNull(registrationTokens.maxUses), lt(registrationTokens.uses, registrationTokens.maxUses)),
  );

/** The token's id when `plain` is a live token of the issuer (not expired, uses left), else null. */
export async function findUsableRegistrationToken(
  db: Db,
  issuerId: string,
  plain: string,
  now: number,
): Promise<string | null> {
  const hash = await sha256Hex(plain);
  const [row] = await db
    .select({ id: registrationTokens.id })
    .from(registrationTokens)
    .where(
      and(
        eq(registrationTokens.issuerId, issuerId),
        eq(registrationTokens.tokenHash, hash),
        live(now),
      ),
    );
  return row?.id ?? null;
}

/**
 * Counts one use in a single conditional UPDATE, so two registrations racing for the last use
 * cannot both win; false when the token is no longer usable.
 */
export async function takeRegistrationTokenUse(
  db: Db,
  issuerId: string,
  tokenId: string,
  now: number,
): Promise<boolean> {
  const taken = await db
    .update(registrationTokens)
    .set({ uses: sql`${registrationTokens.uses} + 1`, lastUsedAt: now })
    .where(
      and(eq(registrationTokens.id, tokenId), eq(registrationTokens.issuerId, issuerId), live(now)),
    )
    .returning({ id: registrationTokens.id });
  return taken.length === 1;
}
