import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { events, noteMentions, noteReferences, notes } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { parseNoteLinks } from "./note-content.ts";
import type { CreateNoteInput, UpdateNoteInput } from "./note-input.ts";
import { linkInserts, linksOf } from "./note-links.ts";
import { checkSubject } from "./note-subject.ts";
import { type NoteRow, noteToWire } from "./note-wire.ts";

function noteEvent(ctx: MutationContext, type: EventType, row: NoteRow) {
  return buildEventRow(ctx, {
    type,
    issuerId: row.issuerId,
    subject: { type: "note", id: row.id },
    data: { note_id: row.id, subject_type: row.subjectType, subject_id: row.subjectId },
  });
}

/** A note of the account; another account's is a 404. */
export async function getNoteRow(db: Db, accountId: string, noteId: string): Promise<NoteRow> {
  const row = await db.query.notes.findFirst({
    where: and(eq(notes.id, noteId), eq(notes.accountId, accountId)),
  });
  if (!row) throw notFound("Note");
  return row;
}

/** A note with its mentions and references. */
export async function getNote(db: Db, accountId: string, noteId: string) {
  const row = await getNoteRow(db, accountId, noteId);
  return { row, data: noteToWire(row, (await linksOf(db, [row.id])).get(row.id)) };
}

/**
 * Attaches a Markdown note to a resource of the account; `@[Name](user_id)` mentions and
 * `[[type:id]]` references are parsed and stored with it, in one batch.
 */
export async function createNote(db: Db, ctx: MutationContext, input: CreateNoteInput) {
  const issuerId = await checkSubject(
    db,
    ctx.accountId,
    input.subject_type,
    input.subject_id,
    input.issuer_id,
  );
  const links = parseNoteLinks(input.content);
  const row: NoteRow = {
    id: newId("note", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    subjectType: input.subject_type,
    subjectId: input.subject_id,
    content: input.content,
    pinned: input.pinned ?? false,
    createdBy: ctx.actor.id ?? "system",
    updatedBy: null,
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(notes).values(row),
    ...linkInserts(db, row, links, ctx.now),
    db.insert(events).values(noteEvent(ctx, "note.created", row)),
  ]);
  return getNote(db, ctx.accountId, row.id);
}

/** Changes a note's content (links parsed again) or pin, under If-Match. */
export async function updateNote(
  db: Db,
  ctx: MutationContext,
  noteId: string,
  input: UpdateNoteInput,
  ifMatch?: string | null,
) {
  const current = await getNoteRow(db, ctx.accountId, noteId);
  checkIfMatch(ifMatch, etagOf(current));
  const next: NoteRow = {
    ...current,
    content: input.content ?? current.content,
    pinned: input.pinned ?? current.pinned,
    updatedBy: ctx.actor.id,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  const relink = input.content
    ? [
        db.delete(noteMentions).where(eq(noteMentions.noteId, noteId)),
        db.delete(noteReferences).where(eq(noteReferences.noteId, noteId)),
        ...linkInserts(db, next, parseNoteLinks(input.content), ctx.now),
      ]
    : [];
  await db.batch([
    db.update(notes).set(next).where(eq(notes.id, noteId)),
    ...relink,
    db.insert(events).values(noteEvent(ctx, "note.updated", next)),
  ]);
  return getNote(db, ctx.accountId, noteId);
}

/** Deletes a note and its links under If-Match. */
export async function deleteNote(
  db: Db,
  ctx: MutationContext,
  noteId: string,
  ifMatch?: string | null,
): Promise<void> {
  const current = await getNoteRow(db, ctx.accountId, noteId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(noteMentions).where(eq(noteMentions.noteId, noteId)),
    db.delete(noteReferences).where(eq(noteReferences.noteId, noteId)),
    db.delete(notes).where(eq(notes.id, noteId)),
    db.insert(events).values(noteEvent(ctx, "note.deleted", current)),
  ]);
}
