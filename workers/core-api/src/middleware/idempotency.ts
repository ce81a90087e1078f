import { beginIdempotent, finishIdempotent, requestFingerprint } from "@authpi/domain/api-keys";
import { createDb } from "@authpi/domain/db";
import { DomainError } from "@authpi/domain/errors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/**
 * `Idempotency-Key` on POST (docs/decisions/wire-contract.md §1): the same key and body within 24 h return the first
 * response (marked `Idempotent-Replayed: true`) instead of doing the work again.
 */
export const idempotency = createMiddleware<AppEnv>(async function idempotency(c, next) {
  const key = c.req.header("idempotency-key");
  if (c.req.method !== "POST" || key === undefined) return next();
  if (key.length < 1 || key.length > 256) {
    throw new DomainError("INVALID_REQUEST", "Idempotency-Key must be 1 to 256 characters");
  }
  const db = createDb(c.env.DB);
  const accountId = c.var.principal.accountId;
  const fingerprint = await requestFingerprint(
    "POST",
    new URL(c.req.url).pathname,
    await c.req.raw.clone().text(),
  );
  const sealKey = c.env.KEY_ENCRYPTION_SECRET;
  const start = await beginIdempotent(db, accountId, key, fingerprint, c.var.now, sealKey);
  if (start.kind === "replay") {
    return new Response(start.body, {
      status: start.status,
      headers: { "content-type": "application/json", "idempotent-replayed": "true" },
    });
  }
  try {
    await next();
  } catch (error) {
    await finishIdempotent(db, accountId, key, { status: 500, body: "" }, sealKey);
    throw error;
  }
  const body = await c.res.clone().text();
  await finishIdempotent(db, accountId, key, { status: c.res.status, body }, sealKey);
});
