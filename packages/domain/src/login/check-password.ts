import { and, eq } from "drizzle-orm";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../crypto/password.ts";
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
 * user, no verifier and a blocked user all take the same PBKDF2 work as a wrong password, so
 * the time taken never tells whether an account exists.
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
  const check = await verifyPassword(password, verifier?.secretHash ?? DUMMY_PASSWORD_HASH);
  return Boolean(user && verifier && check.ok && user.status === "active");
}
