import { DomainError } from "../../errors.ts";
import { type InspectedToken, tokenStillActive, verifyToken } from "../token-inspection.ts";
import type { TokenEndpointContext } from "./grant-context.ts";

/** RFC 8693 §3: the only token type this issuer takes as a subject and issues. */
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

const INVALID = "the subject token is invalid, expired or revoked";

/** A user's access token, checked: the user, its claims, and when it runs out (seconds). */
export interface SubjectToken {
  userId: string;
  claims: InspectedToken["claims"];
  exp: number;
}

/**
 * The `subject_token` of a token exchange (RFC 8693 §2.1): an access token this issuer signed
 * (signature, `iss`, `exp`), still live in the store, whose subject is a user. Refresh handles,
 * ID tokens, client and agent tokens and other issuers' tokens are all `invalid_grant`.
 */
export async function readSubjectToken(
  ctx: TokenEndpointContext,
  token: string,
): Promise<SubjectToken> {
  const verified = await verifyToken(ctx, token);
  if (verified?.kind !== "access") throw new DomainError("INVALID_GRANT", INVALID);
  const { claims } = verified;
  const dat = claims.dat as { type?: unknown } | undefined;
  if (dat?.type !== "identity" || typeof claims.sub !== "string" || !claims.sub.startsWith("usr_"))
    throw new DomainError("INVALID_GRANT", "the subject token must be a user's access token");
  if (typeof claims.exp !== "number" || !(await tokenStillActive(ctx, verified)))
    throw new DomainError("INVALID_GRANT", INVALID);
  return { userId: claims.sub, claims, exp: claims.exp };
}

/** RFC 8693 §4.1: the new actor on top, the subject token's actors nested below it. */
export function actClaim(actorId: string, prior: unknown): Record<string, unknown> {
  return prior && typeof prior === "object"
    ? { sub: actorId, act: prior as Record<string, unknown> }
    : { sub: actorId };
}
