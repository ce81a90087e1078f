import type { Db } from "../db/client.ts";
import type { MutationContext } from "../events/event.ts";
import type { IssuerStoreRpc, LoginFailure } from "../oauth/issuer-store-contract.ts";
import { ssoOnlyRealm } from "../organizations/sso/find-home-realm.ts";
import type { HomeRealm } from "../organizations/sso/home-realm.ts";
import { sourceAddress } from "../throttle/source-address.ts";
import type { UserRow } from "../users/user-wire.ts";
import { findLoginUser, passwordMatches, usernameCandidates } from "./check-password.ts";
import { issueDeviceCookie, readDeviceCookie } from "./device-cookie.ts";
import {
  CREDENTIAL_POLICY,
  credentialKey,
  deviceKey,
  isLocked,
  type LockState,
  UNLOCKED,
} from "./lockout.ts";
import { recordFailureEvents } from "./login-events.ts";
import { sourceWindow } from "./source-limit.ts";

export type LoginOutcome =
  /** `deviceCookie` makes this browser a trusted device for the user from now on. */
  | { status: "ok"; user: UserRow; deviceCookie: string }
  | { status: "invalid" }
  | { status: "locked"; lockedUntil: number }
  /** Too many failures from this source: refused before the password was checked. */
  | { status: "throttled"; until: number }
  /** The username's email domain belongs to an SSO-only organization: its IdP signs it in. */
  | { status: "sso_required"; realm: HomeRealm };

export interface LoginDeps {
  db: Db;
  store: IssuerStoreRpc;
  issuerId: string;
  ctx: MutationContext;
  /** The deployment secret device cookies are sealed with. */
  secret: string;
  /** The client the user signs in to, when there is one: recorded so its events find it. */
  clientId?: string | null;
}

export interface LoginAttempt {
  username: string;
  password: string;
  /** The browser's device cookie, if it sent one. */
  deviceCookie?: string | undefined;
}

/**
 * Verifies a username and password under the sign-in throttle (docs/decisions/throttling.md,
 * after OWASP's device-cookie protocol). A browser holding a valid device cookie for this user
 * is a trusted device: only its own failures count against it, so an attacker who locks the
 * username cannot lock the user out of the browsers they already use. Every other attempt is
 * untrusted: its failures count against the username (5 lock it for 15 minutes for untrusted
 * sources) and against its source address (20 in 15 minutes refuse that source). Unknown and
 * known usernames are counted, locked and worded alike, after the same Argon2id work. A username
 * of an SSO-only organization's domain is refused without a check (docs/enterprise-sso.md).
 */
export async function passwordLogin(deps: LoginDeps, attempt: LoginAttempt): Promise<LoginOutcome> {
  const { store, ctx } = deps;
  // Decided by the email domain alone, before any password work: it says nothing of the account.
  const realm = await ssoOnlyRealm(deps.db, deps.issuerId, attempt.username);
  if (realm) return { status: "sso_required", realm };
  const names = usernameCandidates(attempt.username);
  const device = await readDeviceCookie(deps.secret, deps.issuerId, attempt.deviceCookie, ctx.now);
  const source = sourceWindow(sourceAddress(ctx.request?.ip), ctx.now);
  const untrustedKey = credentialKey(names[names.length - 1] as string);
  const keys = [source.key, untrustedKey, ...(device ? [deviceKey(device.deviceId)] : [])];
  const locks = await store.loginLocks(keys, ctx.now);

  // Without a device cookie trust is impossible, so a refusal needs no user lookup.
  let user = device ? await findLoginUser(deps.db, deps.issuerId, names) : undefined;
  const trusted = device !== null && user?.id === device.userId;
  const counter = trusted ? deviceKey(device.deviceId) : untrustedKey;
  const before = locks[counter] ?? UNLOCKED;
  const refusal = refusalOf(before, trusted ? null : (locks[source.key] ?? UNLOCKED), ctx.now);
  if (refusal) return refusal;
  if (!device) user = await findLoginUser(deps.db, deps.issuerId, names);

  if ((await passwordMatches(deps.db, user, attempt.password)) && user) {
    if (before.failures > 0) await store.clearLoginFailures(counter);
    const deviceCookie = await issueDeviceCookie(deps.secret, deps.issuerId, user.id, ctx.now);
    return { status: "ok", user, deviceCookie };
  }

  const failures: LoginFailure[] = [{ key: counter, ...CREDENTIAL_POLICY }];
  if (!trusted) failures.push({ key: source.key, ...source.policy });
  const [after = before] = await store.recordLoginFailures(failures, ctx.now);
  await recordFailureEvents(
    deps,
    { username: names[0] as string, user, trustedDevice: trusted },
    before,
    after,
  );
  return isLocked(after, ctx.now)
    ? { status: "locked", lockedUntil: after.lockedUntil as number }
    : { status: "invalid" };
}

/** An untrusted source over its limit is throttled; a locked counter is locked. */
function refusalOf(own: LockState, source: LockState | null, now: number): LoginOutcome | null {
  if (source && isLocked(source, now))
    return { status: "throttled", until: source.lockedUntil as number };
  if (isLocked(own, now)) return { status: "locked", lockedUntil: own.lockedUntil as number };
  return null;
}
