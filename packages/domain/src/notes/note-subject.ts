import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { agents, clients, issuers, organizations, users } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import type { NoteSubjectType } from "./note-input.ts";

const TABLES = { user: users, org: organizations, client: clients, agent: agents } as const;

/**
 * Checks the note's subject exists in the caller's account (and in the named issuer for
 * issuer-scoped subjects); returns the issuer the note belongs to.
 */
export async function checkSubject(
  db: Db,
  accountId: string,
  type: NoteSubjectType,
  id: string,
  issuerId: string | null | undefined,
): Promise<string | null> {
  const issuer = await db.query.issuers.findFirst({
    where: and(
      eq(issuers.id, type === "issuer" ? id : (issuerId ?? "")),
      eq(issuers.accountId, accountId),
    ),
    columns: { id: true },
  });
  const found =
    issuer &&
    (type === "issuer"
      ? !issuerId || issuerId === id
      : (
          await db
            .select({ id: TABLES[type].id })
            .from(TABLES[type])
            .where(and(eq(TABLES[type].id, id), eq(TABLES[type].issuerId, issuer.id)))
            .limit(1)
        ).length > 0);
  if (!found) {
    const message = `no ${type} ${id} in this account${type === "issuer" ? "" : "'s issuer"}`;
    throw new DomainError("VALIDATION_FAILED", `Invalid note subject: ${message}`, {
      fields: [{ field: "subject_id", code: "not_found", message }],
    });
  }
  return issuer.id;
}
