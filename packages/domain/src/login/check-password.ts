import { and, eq } from "drizzle-orm";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "../crypto/password.ts";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { users, userVerifiers } from "../db/schema.ts";
import type { UserRow } from "../users/user-wire.ts";

/** The spellings a typed username may be stored under (emails are stored lowercased). */
export function usernameCandidates(input: string): string[] {
  const trimmed = input.trim().normalize("NFKC");
  return [...new Set([trimmed, trimmed.toLowerCase()])];
}

/** The issuer's user stored under one of the spellings, if any. */
export function findLoginUser(
  db: Db,
  issuerId: string,
  names: string[],
): Promise<UserRow | undefined> {
  return db.query.users.findFirst({
    where: and(eq(users.issuerId, issuerId), inList(users.username, names)),
  });
}

/**
 * True when the user is active and the password matches their active password verifier. No
 * user, no verifier and a blocked user all take the same Argon2id work as a wrong password, so
 * the time taken never tells whether an account exists. A match on a legacy PBKDF2 hash or on
 * older Argon2id parameters stores the password again under today's Argon2id parameters.
 */
export async function passwordMatches(
  db: Db,
  user: UserRow | undefined,
  password: string,
): Promise<boolean> {
  const verifier = user
    ? await db.query.userVerifiers.findFirst({
        where: and(
          eq(userVerifiers.userId, user.id),
          eq(userVerifiers.type, "password"),
          eq(userVerifiers.status, "active"),
        ),
      })
    : undefined;
  const stored = verifier?.secretHash ?? DUMMY_PASSWORD_HASH;
  const check = await verifyPassword(password, stored);
  const matches = Boolean(user && verifier && check.ok && user.status === "active");
  if (matches && check.needsRehash && verifier) {
    await db
      .update(userVerifiers)
      .set({ secretHash: await hashPassword(password) })
      // Only over the hash just verified: a password changed meanwhile is never overwritten.
      .where(and(eq(userVerifiers.id, verifier.id), eq(userVerifiers.secretHash, stored)));
  }
  return matches;
}
