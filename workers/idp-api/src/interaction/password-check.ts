import { createDb } from "@authpi/domain/db";
import type { MutationContext } from "@authpi/domain/events";
import { DEVICE_COOKIE_TTL_MS, type LoginOutcome, passwordLogin } from "@authpi/domain/login";
import type { Context } from "hono";
import type { IssuerEnv } from "../middleware/issuer.ts";
import { textsOf } from "../middleware/page-locale.ts";
import { issuerStore } from "../store.ts";
import { deviceCookie, setDeviceCookie } from "./cookies.ts";

/**
 * Checks a password for a hosted page under the sign-in throttle; a success makes this
 * browser a trusted device of the user (a fresh device cookie each time).
 */
export async function signInWithPassword<E extends IssuerEnv>(
  c: Context<E>,
  ctx: MutationContext,
  username: string,
  password: string,
  /** The client the user signs in to, recorded on the sign-in events. */
  clientId: string | null = null,
): Promise<LoginOutcome> {
  const outcome = await passwordLogin(
    {
      db: createDb(c.env.DB),
      store: issuerStore(c.env, c.get("issuer").id),
      issuerId: c.get("issuer").id,
      ctx,
      secret: c.env.KEY_ENCRYPTION_SECRET,
      clientId,
    },
    { username, password, deviceCookie: deviceCookie(c) },
  );
  if (outcome.status === "ok") {
    setDeviceCookie(c, c.get("issuer").id, outcome.deviceCookie, DEVICE_COOKIE_TTL_MS / 1000);
  }
  return outcome;
}

/**
 * How a page answers a refused sign-in: 401 for wrong credentials, 403 while the credential
 * is locked (a flow-specific error, as AuthPI's lockout) or belongs to an SSO-only organization
 * (docs/enterprise-sso.md), 429 with `Retry-After` while the
 * source is throttled (RFC 6585 §4, as AuthPI's per-address limits). None says whether the
 * account exists.
 */
export function refusedSignIn(
  c: Context,
  outcome: Exclude<LoginOutcome, { status: "ok" }>,
  invalid: string,
  now: number,
): { status: 401 | 403 | 429; message: string } {
  if (outcome.status === "invalid") return { status: 401, message: invalid };
  const t = textsOf(c);
  if (outcome.status === "locked") return { status: 403, message: t.signIn.locked };
  if (outcome.status === "sso_required") {
    const organization = outcome.realm.orgName ?? t.enterpriseSso.yourOrganization;
    return { status: 403, message: t.enterpriseSso.required({ organization }) };
  }
  const seconds = Math.max(1, Math.ceil((outcome.until - now) / 1000));
  c.header("Retry-After", String(seconds));
  const minutes = Math.ceil(seconds / 60);
  const wait = minutes === 1 ? t.common.aMinute : t.common.minutes({ n: minutes });
  return { status: 429, message: t.signIn.throttled({ wait }) };
}
