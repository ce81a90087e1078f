import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client.ts";
import { noteMentions, noteReferences, notes } from "../db/schema.ts";
import type { NoteSubjectType } from "./note-input.ts";

function deleteWhere(db: Db, where: SQL | undefined): BatchItem<"sqlite">[] {
  // A subquery, not a list: one statement whatever the number of notes.
  const ids = db.select({ id: notes.id }).from(notes).where(where);
  return [
    db.delete(noteMentions).where(sql`${noteMentions.noteId} IN ${ids}`),
    db.delete(noteReferences).where(sql`${noteReferences.noteId} IN ${ids}`),
    db.delete(notes).where(where),
  ];
}

/** Deletes the notes on a user, organization, client or agent (for its own delete batch). */
export function deleteNotesAbout(db: Db, subjectType: NoteSubjectType, subjectId: string) {
  return deleteWhere(db, and(eq(notes.subjectType, subjectType), eq(notes.subjectId, subjectId)));
}

/** Deletes every note of an issuer: on the issuer itself and on anything inside it. */
export function deleteIssuerNotes(db: Db, issuerId: string) {
  return deleteWhere(
    db,
    or(
      eq(notes.issuerId, issuerId),
      and(eq(notes.subjectType, "issuer"), eq(notes.subjectId, issuerId)),
    ),
  );
}
