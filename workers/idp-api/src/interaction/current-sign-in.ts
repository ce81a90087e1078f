import { createDb } from "@authpi/domain/db";
import {
  acrFor,
  loadSignInPolicy,
  parseSessionCookie,
  sessionMeetsPolicy,
} from "@authpi/domain/login";
import type { AuthorizeRequest } from "@authpi/domain/oauth";
import type { Context } from "hono";
import { issuerStore } from "../store.ts";
import type { PageEnv, SignedIn } from "./contract.ts";
import { readSessionCookie } from "./cookies.ts";

/**
 * The browser's SSO session, when it already meets what the request needs (fresh enough for
 * `max_age` and `prompt`, with MFA when the policy requires it); otherwise why not (the
 * `prompt=none` answer, OIDC Core §3.1.2.6). A session of another user than the
 * `id_token_hint` names does not meet it (OIDC Core §3.1.2.1).
 */
export async function currentSignIn(
  c: Context<PageEnv>,
  request: AuthorizeRequest,
  now: number,
): Promise<SignedIn | { reason: string }> {
  const cookie = await parseSessionCookie(readSessionCookie(c));
  const store = issuerStore(c.env, c.get("issuer").id);
  const session = cookie ? await store.findOpSession(cookie.id, cookie.secretHash, now) : null;
  if (!session) return { reason: "no active session" };
  if (request.idTokenHintSub && request.idTokenHintSub !== session.userId) {
    return { reason: "the signed-in user is not the user of id_token_hint" };
  }
  const client = await c.get("clients")(request.clientId);
  const organizations = client?.settings.organizations ?? { mode: "all" as const, allowlist: [] };
  const policy = await loadSignInPolicy(createDb(c.env.DB), c.get("issuer"), request, {
    id: session.userId,
    organizations,
  });
  if (!sessionMeetsPolicy(policy, session, now)) {
    const stale = policy.maxAgeMs !== null && session.authTime + policy.maxAgeMs < now;
    return {
      reason: stale
        ? "the session does not satisfy max_age"
        : "the session does not meet the sign-in requirements",
    };
  }
  const amr = session.amr;
  return { session, amr, acr: acrFor(request.acrValues ?? [], amr), authTime: session.authTime };
}
