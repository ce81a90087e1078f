import { and, eq } from "drizzle-orm";
import { sha256Hex } from "../crypto/hash.ts";
import { open, seal } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { idempotencyKeys } from "../db/schema.ts";
import { DomainError } from "../errors.ts";

/** A key and its first response are kept 24 hours (docs/decisions/wire-contract.md §1). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/** Stored responses may hold a secret shown once (API keys, tokens), so they are sealed. */
const PURPOSE = "idempotent-response";

/** How soon a client may retry a key whose first request is still running. */
const IN_PROGRESS_RETRY_S = 1;

export type IdempotencyStart = { kind: "new" } | { kind: "replay"; status: number; body: string };

/** What makes two requests "the same": method, path and body. */
export function requestFingerprint(method: string, path: string, body: string): Promise<string> {
  return sha256Hex(`${method} ${path}\n${body}`);
}

/**
 * Claims an `Idempotency-Key` for this account. The first request proceeds; a repeat with the
 * same fingerprint gets the stored response; a different body under the same key is refused,
 * and so is a repeat while the first is still running.
 */
export async function beginIdempotent(
  db: Db,
  accountId: string,
  key: string,
  fingerprint: string,
  now: number,
  sealKey: string,
): Promise<IdempotencyStart> {
  const claimed = await db
    .insert(idempotencyKeys)
    .values({
      accountId,
      key,
      fingerprint,
      state: "processing",
      createdAt: now,
      expiresAt: now + IDEMPOTENCY_TTL_MS,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) return { kind: "new" };
  const where = and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key));
  const existing = await db.query.idempotencyKeys.findFirst({ where });
  if (!existing || existing.expiresAt <= now) {
    await db.delete(idempotencyKeys).where(where);
    return beginIdempotent(db, accountId, key, fingerprint, now, sealKey);
  }
  if (existing.fingerprint !== fingerprint) {
    throw new DomainError(
      "IDEMPOTENCY_KEY_REUSED",
      "Idempotency-Key has already been used with a different request body",
    );
  }
  if (existing.state !== "done" || existing.responseStatus === null) {
    throw new DomainError(
      "IDEMPOTENCY_IN_PROGRESS",
      "A request with this Idempotency-Key is currently being processed",
      { retryAfter: IN_PROGRESS_RETRY_S },
    );
  }
  const stored = existing.responseBody ?? "";
  // A body stored before sealing began is plain JSON (it starts with `{`).
  const body = stored.startsWith("v1.") ? await open(sealKey, PURPOSE, stored) : stored;
  return { kind: "replay", status: existing.responseStatus, body };
}

/** Stores the response of a finished request; server errors release the key for a retry. */
export async function finishIdempotent(
  db: Db,
  accountId: string,
  key: string,
  response: { status: number; body: string },
  sealKey: string,
): Promise<void> {
  const where = and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key));
  if (response.status >= 500) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  await db
    .update(idempotencyKeys)
    .set({
      state: "done",
      responseStatus: response.status,
      responseBody: response.body ? await seal(sealKey, PURPOSE, response.body) : "",
    })
    .where(where);
}
