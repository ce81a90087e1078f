import { DomainError } from "@authpi/domain/errors";
import { coversScope } from "@authpi/domain/scopes/scope-match";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/** Deny by default: the key must hold a scope covering `resource:action`. */
export function requireScope(scope: string) {
  return createMiddleware<AppEnv>(async function requireScopeCheck(c, next) {
    if (!coversScope(c.var.principal.scopes, scope)) {
      throw new DomainError("INSUFFICIENT_SCOPE", `This API key lacks the scope ${scope}`);
    }
    await next();
  });
}
