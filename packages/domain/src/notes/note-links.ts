import { inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client.ts";
import { noteMentions, noteReferences } from "../db/schema.ts";
import type { NoteLinks } from "./note-content.ts";
import type { NoteLinkRows, NoteRow } from "./note-wire.ts";

// D1 binds at most 100 parameters per statement: rows per insert and ids per IN list stay under it.
const MENTION_ROWS = 20;
const REFERENCE_ROWS = 15;
const IDS = 90;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

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
    ...chunks(mentionRows, MENTION_ROWS).map((rows) => db.insert(noteMentions).values(rows)),
    ...chunks(referenceRows, REFERENCE_ROWS).map((rows) => db.insert(noteReferences).values(rows)),
  ];
}

/** The mentions and references of each note. */
export async function linksOf(db: Db, noteIds: string[]): Promise<Map<string, NoteLinkRows>> {
  const byNote = new Map<string, NoteLinkRows>(
    noteIds.map((id) => [id, { mentions: [], references: [] }]),
  );
  for (const ids of chunks(noteIds, IDS)) {
    const [mentions, references] = await Promise.all([
      db.select().from(noteMentions).where(inArray(noteMentions.noteId, ids)),
      db.select().from(noteReferences).where(inArray(noteReferences.noteId, ids)),
    ]);
    for (const m of mentions) byNote.get(m.noteId)?.mentions.push(m);
    for (const r of references) byNote.get(r.noteId)?.references.push(r);
  }
  return byNote;
}
