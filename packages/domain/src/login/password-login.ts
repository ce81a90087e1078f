import { and, eq, inArray } from "drizzle-orm";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../crypto/password.ts";
import type { Db } from "../db/client.ts";
import { events, users, userVerifiers } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store.ts";
import type { UserRow } from "../users/user-wire.ts";
import { credentialKey, isLocked } from "./lockout.ts";

export type LoginOutcome =
  | { status: "ok"; user: UserRow }
  | { status: "invalid" }
  | { status: "locked"; lockedUntil: number };

/** The spellings a typed username may be stored under (emails are stored lowercased). */
function candidates(input: string): string[] {
  const trimmed = input.trim().normalize("NFKC");
  return [...new Set([trimmed, trimmed.toLowerCase()])];
}

/**
 * Verifies a username and password. Unknown users, blocked users and wrong passwords are the
 * same `invalid` after the same PBKDF2 work, and all of them count towards the lock, so the
 * outcome never tells whether an account exists (OWASP ASVS 2.2.1, decisions.md).
 */
export async function passwordLogin(
  deps: {
    db: Db;
    store: IssuerStoreRpc;
    issuerId: string;
    ctx: MutationContext;
    /** The client the user signs in to, when there is one: recorded so its events find it. */
    clientId?: string | null;
  },
  username: string,
  password: string,
): Promise<LoginOutcome> {
  const { db, store, ctx } = deps;
  const names = candidates(username);
  const key = credentialKey(names[names.length - 1] as string);
  const lock = await store.lockState(key, ctx.now);
  if (isLocked(lock, ctx.now)) return { status: "locked", lockedUntil: lock.lockedUntil as number };

  const user = await db.query.users.findFirst({
    where: and(eq(users.issuerId, deps.issuerId), inArray(users.username, names)),
  });
  const verifier = user
    ? await db.query.userVerifiers.findFirst({
        where: and(
          eq(userVerifiers.userId, user.id),
          eq(userVerifiers.type, "password"),
          eq(userVerifiers.status, "active"),
        ),
      })
    : undefined;
  const check = await verifyPassword(password, verifier?.secretHash ?? DUMMY_PASSWORD_HASH);
  if (user && verifier && check.ok && user.status === "active") {
    if (lock.failures > 0) await store.clearLoginFailures(key);
    return { status: "ok", user };
  }

  const after = await store.recordLoginFailure(key, ctx.now);
  const subject = user ? { type: "user", id: user.id } : { type: "issuer", id: deps.issuerId };
  const rows = [
    buildEventRow(ctx, {
      type: "user.verification.failed",
      issuerId: deps.issuerId,
      subject,
      data: {
        method: "password",
        username: names[0],
        failures: after.failures,
        client_id: deps.clientId ?? null,
      },
    }),
  ];
  if (isLocked(after, ctx.now) && !isLocked(lock, ctx.now)) {
    rows.push(
      buildEventRow(
        { ...ctx, now: ctx.now + 1 },
        {
          type: "user.locked",
          issuerId: deps.issuerId,
          subject,
          data: { method: "password", username: names[0], locked_until: after.lockedUntil },
        },
      ),
    );
  }
  await db.insert(events).values(rows);
  return isLocked(after, ctx.now)
    ? { status: "locked", lockedUntil: after.lockedUntil as number }
    : { status: "invalid" };
}
