import type { BatchItem } from "drizzle-orm/batch";
import { inList, insertRows } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { noteMentions, noteReferences } from "../db/schema.ts";
import type { NoteLinks } from "./note-content.ts";
import type { NoteLinkRows, NoteRow } from "./note-wire.ts";

/** Inserts for a note's mentions and references, split so no statement binds 100 values. */
export function linkInserts(
  db: Db,
  note: NoteRow,
  links: NoteLinks,
  now: number,
): BatchItem<"sqlite">[] {
  const issuerOf = (type: string, id: string) =>
    type === "issuer" ? id : type === "webhook" || type === "api_key" ? null : note.issuerId;
  const mentionRows = links.mentions.map((userId) => ({
    noteId: note.id,
    accountId: note.accountId,
    mentionedUserId: userId,
    createdAt: now,
  }));
  const referenceRows = links.references.map((ref) => ({
    noteId: note.id,
    accountId: note.accountId,
    refType: ref.type,
    refId: ref.id,
    refIssuerId: issuerOf(ref.type, ref.id),
    createdAt: now,
  }));
  return [
    ...insertRows(db, noteMentions, mentionRows),
    ...insertRows(db, noteReferences, referenceRows),
  ];
}

/** The mentions and references of each note. */
export async function linksOf(db: Db, noteIds: string[]): Promise<Map<string, NoteLinkRows>> {
  const byNote = new Map<string, NoteLinkRows>(
    noteIds.map((id) => [id, { mentions: [], references: [] }]),
  );
  const [mentions, references] = await Promise.all([
    db.select().from(noteMentions).where(inList(noteMentions.noteId, noteIds)),
    db.select().from(noteReferences).where(inList(noteReferences.noteId, noteIds)),
  ]);
  for (const m of mentions) byNote.get(m.noteId)?.mentions.push(m);
  for (const r of references) byNote.get(r.noteId)?.references.push(r);
  return byNote;
}
