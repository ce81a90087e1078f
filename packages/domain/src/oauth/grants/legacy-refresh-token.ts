import { verifyOwnJwt } from "../../tokens/jwt.ts";
import type { RefreshGrant } from "../../tokens/refresh-handle.ts";
import type { GrantContext } from "./grant-context.ts";

/**
 * A refresh JWT issued before refresh tokens became handles (docs/decisions/token-paths.md):
 * still honoured until it rotates into a handle, so no signed-in app is logged out by the
 * change. Its store key is its `jti`; its grant is in its claims.
 */
export async function legacyRefreshToken(
  ctx: GrantContext,
  token: string,
): Promise<{ key: string; sid: string; grant: RefreshGrant; sub: string } | null> {
  const verified = await verifyOwnJwt(ctx.ring, token, { issuer: ctx.issuerUrl, now: ctx.now });
  const claims = verified?.payload;
  if (!claims || verified.typ !== undefined || typeof claims.jti !== "string") return null;
  if (claims.client_id !== ctx.client.id || typeof claims.sub !== "string") return null;
  if (typeof claims.sid !== "string") return null;
  return {
    key: claims.jti,
    sid: claims.sid,
    sub: claims.sub,
    grant: {
      scope: String(claims.scope ?? ""),
      resource: Array.isArray(claims.resource) ? claims.resource.map(String) : [],
      orgId: typeof claims.org_id === "string" ? claims.org_id : null,
    },
  };
}
