import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { userVerifiers } from "../db/schema.ts";

/** Whether the user has an active passkey (a `webauthn` user verifier). */
export async function hasPasskey(db: Db, issuerId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: userVerifiers.id })
    .from(userVerifiers)
    .where(
      and(
        eq(userVerifiers.issuerId, issuerId),
        eq(userVerifiers.userId, userId),
        eq(userVerifiers.type, "webauthn"),
        eq(userVerifiers.status, "active"),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
