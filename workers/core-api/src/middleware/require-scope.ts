import { DomainError } from "@authpi/domain/errors";
import { coversScope } from "@authpi/domain/scopes";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { idempotency } from "./idempotency.ts";

/** Every scope a route requires, registered as the routes are defined (`GET …/scopes`). */
export const KNOWN_SCOPES = new Set<string>();

/** Deny by default: the key must hold a scope covering `resource:action`; POSTs then honour `Idempotency-Key`. */
export function requireScope(scope: string) {
  KNOWN_SCOPES.add(scope);
  const check = createMiddleware<AppEnv>(async function requireScopeCheck(c, next) {
    if (!coversScope(c.var.principal.scopes, scope)) {
      throw new DomainError("INSUFFICIENT_SCOPE", `This API key lacks the scope ${scope}`);
    }
    // Idempotent replays run after the scope check, so a replay is authorised like a first try.
    if (c.req.method === "POST") return idempotency(c, next);
    await next();
  });
  // The document names the scope each operation needs (`withContract` reads it).
  return Object.assign(check, { requiredScope: scope });
}
