import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema.ts";
import type { UserRow } from "../../users/user-wire.ts";

/** The user a grant is for, only while the account is active in this issuer. */
export async function activeUser(
  db: Db,
  issuerId: string,
  userId: string,
): Promise<UserRow | null> {
  const user = await db.query.users.findFirst({
    where: and(eq(users.id, userId), eq(users.issuerId, issuerId)),
  });
  return user && user.status === "active" ? user : null;
}
