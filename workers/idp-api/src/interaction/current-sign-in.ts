import { acrFor, sessionMeetsPolicy, signInPolicy } from "@authpi/domain/login/sign-in-policy";
import { parseSessionCookie } from "@authpi/domain/login/start-session";
import type { AuthorizeRequest } from "@authpi/domain/oauth/authorize-request";
import type { Context } from "hono";
import { issuerStore } from "../store.ts";
import type { PageEnv, SignedIn } from "./contract.ts";
import { readSessionCookie } from "./cookies.ts";

/**
 * The browser's SSO session, when it already meets what the request needs; otherwise why
 * not (the `prompt=none` answer, OIDC Core §3.1.2.6).
 */
export async function currentSignIn(
  c: Context<PageEnv>,
  request: AuthorizeRequest,
  now: number,
): Promise<SignedIn | { reason: string }> {
  const cookie = await parseSessionCookie(readSessionCookie(c));
  const store = issuerStore(c.env, c.var.issuer.id);
  const session = cookie ? await store.findOpSession(cookie.id, cookie.secretHash, now) : null;
  if (!session) return { reason: "no active session" };
  const policy = signInPolicy({
    methods: [],
    secondFactor: "optional",
    enforcingOrganizations: [],
    acrValues: [],
    maxAge: request.maxAge,
    prompt: request.prompt,
  });
  const amr: string[] = [];
  if (!sessionMeetsPolicy(policy, { authTime: session.authTime, amr }, now)) {
    return { reason: "the session does not satisfy max_age" };
  }
  return { session, amr, acr: acrFor([], amr), authTime: session.authTime };
}
