import { and, eq } from "drizzle-orm";
import { sha256Hex } from "../crypto/hash.ts";
import { insertRows, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { authMethods, events } from "../db/schema.ts";
import { codeHashOf, codeOfToken, EMAIL_SIGN_IN_TTL_MS } from "../email-tokens/email-token.ts";
import type { EmailTokenRecord } from "../email-tokens/email-token-store.ts";
import type { MutationContext } from "../events/event.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { getUser } from "../users/manage-users.ts";
import type { UserRow } from "../users/user-wire.ts";
import { findLoginUser, usernameCandidates } from "./check-password.ts";
import { requestEmailedLink } from "./emailed-link-request.ts";
import { CREDENTIAL_POLICY, isLocked, UNLOCKED } from "./lockout.ts";
import { failureEventRows } from "./login-events.ts";

/** The RFC 8176 value of an emailed code or link: a one-time password (RFC 8176 has no email value). */
export const EMAIL_SIGN_IN_AMR = ["otp"];
export const EMAIL_SIGN_IN_METHOD = "email-link";

export interface EmailSignInDeps {
  db: Db;
  store: IssuerStoreRpc;
  issuerId: string;
  ctx: MutationContext;
  clientId?: string | null;
}

/** The lock of a username's emailed codes: 5 wrong codes hold it 15 minutes, known or not. */
export function emailCodeKey(username: string): string {
  return `email-code:${username}`;
}

export type EmailSignInRequest =
  | {
      status: "sent";
      /** The challenge the code page checks against (the hash of the link's token). */
      tokenHash: string;
      /** Set only when an active account with an address exists: send this email. */
      mail: { to: string; token: string; code: string; user: UserRow } | null;
    }
  | { status: "throttled"; retryAfterMs: number };

/**
 * Sends a sign-in code and link (`ttlMs`, 10 minutes by default; single use; bound to the browser that asked by
 * `browserSecret`, whose hash is stored). Unknown addresses do the same work and get the same
 * answer (a challenge no code can meet), so the page never tells whether an account exists.
 */
export async function requestEmailSignIn(
  deps: EmailSignInDeps,
  username: string,
  browserSecret: string,
  /** What the journey resumes with when the link is followed (e.g. the interaction's id). */
  resume: string,
  ttlMs: number = EMAIL_SIGN_IN_TTL_MS,
): Promise<EmailSignInRequest> {
  const request = await requestEmailedLink(
    deps,
    "email_sign_in",
    username,
    ttlMs,
    async (issued, address) => ({
      codeHash: issued.codeHash,
      bindingHash: await sha256Hex(browserSecret),
      payload: JSON.stringify({ username: address, resume } satisfies LinkPayload),
    }),
  );
  if (request.status === "throttled") return request;
  const { issued, mail } = request;
  return {
    status: "sent",
    tokenHash: issued.tokenHash,
    mail: mail ? { ...mail, token: issued.token, code: issued.code } : null,
  };
}

interface LinkPayload {
  username: string;
  resume: string;
}

export type EmailCodeOutcome =
  | { status: "ok"; user: UserRow }
  | { status: "invalid" }
  | { status: "locked"; lockedUntil: number };

async function activeUser(deps: EmailSignInDeps, record: EmailTokenRecord | null) {
  if (!record?.userId) return null;
  const user = await getUser(deps.db, deps.issuerId, record.userId).catch(() => null);
  return user?.status === "active" ? user : null;
}

async function failureRows(
  deps: EmailSignInDeps,
  username: string,
  failures: number,
  lockedUntil: number | null,
) {
  const user = await findLoginUser(deps.db, deps.issuerId, usernameCandidates(username));
  const subject = user ? { type: "user", id: user.id } : { type: "issuer", id: deps.issuerId };
  const data = { method: EMAIL_SIGN_IN_METHOD, username, client_id: deps.clientId ?? null };
  return failureEventRows(deps.ctx, deps.issuerId, subject, data, { failures, lockedUntil });
}

/**
 * Checks a typed code against the challenge (`tokenHash`) under the lockout rule of every
 * factor: 5 wrong codes lock the username's email sign-in for 15 minutes, during which even the
 * right code (or the link) is refused. A right code spends the challenge.
 */
export async function verifyEmailCode(
  deps: EmailSignInDeps,
  username: string,
  tokenHash: string,
  code: string,
): Promise<EmailCodeOutcome> {
  const { ctx } = deps;
  const name = usernameCandidates(username).at(-1) as string;
  const key = emailCodeKey(name);
  const before = (await deps.store.loginLocks([key], ctx.now))[key] ?? UNLOCKED;
  if (isLocked(before, ctx.now)) return { status: "locked", lockedUntil: before.lockedUntil ?? 0 };
  const typed = code.replace(/\s/g, "");
  const record = /^\d{6}$/.test(typed)
    ? await deps.store.consumeEmailCode(tokenHash, await codeHashOf(tokenHash, typed), ctx.now)
    : null;
  const user = await activeUser(deps, record);
  if (user) {
    if (before.failures > 0) await deps.store.clearLoginFailures(key);
    return { status: "ok", user };
  }
  const [after = before] = await deps.store.recordLoginFailures(
    [{ key, ...CREDENTIAL_POLICY }],
    ctx.now,
  );
  const startedLock = isLocked(after, ctx.now) && !isLocked(before, ctx.now);
  const rows = await failureRows(
    deps,
    name,
    after.failures,
    startedLock ? after.lockedUntil : null,
  );
  await runBatch(deps.db, insertRows(deps.db, events, rows));
  return isLocked(after, ctx.now)
    ? { status: "locked", lockedUntil: after.lockedUntil as number }
    : { status: "invalid" };
}

export type EmailLinkOutcome =
  | { status: "ok"; user: UserRow; resume: string }
  /** A live link opened in another browser: show its code to type in the first one. */
  | { status: "elsewhere"; code: string }
  | { status: "locked" }
  | { status: "invalid" };

/**
 * A sign-in link: in the browser that asked (its secret's hash matches) it signs in and is
 * spent; anywhere else it is left alive and shows its code. An unknown, spent or lapsed
 * link, or one whose username is locked, signs nobody in.
 */
export async function openEmailLink(
  deps: EmailSignInDeps,
  token: string,
  browserSecret: string | undefined,
): Promise<EmailLinkOutcome> {
  const { ctx } = deps;
  const tokenHash = await sha256Hex(token);
  const live = await deps.store.peekEmailToken(tokenHash, ctx.now);
  if (live?.purpose !== "email_sign_in") return { status: "invalid" };
  const bound =
    browserSecret !== undefined && (await sha256Hex(browserSecret)) === live.bindingHash;
  if (!bound) return { status: "elsewhere", code: await codeOfToken(token) };
  const payload = JSON.parse(live.payload) as LinkPayload;
  const key = emailCodeKey(payload.username);
  const lock = (await deps.store.loginLocks([key], ctx.now))[key] ?? UNLOCKED;
  if (isLocked(lock, ctx.now)) return { status: "locked" };
  const record = await deps.store.consumeEmailToken(tokenHash, "email_sign_in", ctx.now);
  const user = await activeUser(deps, record);
  return user ? { status: "ok", user, resume: payload.resume } : { status: "invalid" };
}

/** The issuer's code lifetime: its enabled `email-link` method's `ttl_seconds`, else 10 minutes. */
export async function emailSignInTtlMs(db: Db, issuerId: string): Promise<number> {
  const row = await db.query.authMethods.findFirst({
    where: and(
      eq(authMethods.issuerId, issuerId),
      eq(authMethods.method, "email-link"),
      eq(authMethods.enabled, true),
    ),
  });
  const seconds = row?.settings.ttl_seconds;
  return typeof seconds === "number" ? seconds * 1000 : EMAIL_SIGN_IN_TTL_MS;
}
