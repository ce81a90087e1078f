import { and, count, desc, eq, exists, lt, or } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { noteMentions, noteReferences, notes } from "../db/schema.ts";
import type { Page } from "../pagination.ts";
import type { BacklinksQuery, CountQuery, NoteFilters } from "./note-input.ts";
import { linksOf } from "./note-links.ts";
import { type NoteRow, noteCursor, noteToWire } from "./note-wire.ts";

async function withLinks(db: Db, rows: NoteRow[]) {
  const links = await linksOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => noteToWire(row, links.get(row.id)));
}

/** After a cursor in pinned-first, newest-first order. */
function after(cursor: string) {
  const [pin, id] = cursor.split(":") as [string, string];
  const pinned = pin === "1";
  return pinned
    ? or(eq(notes.pinned, false), and(eq(notes.pinned, true), lt(notes.id, id)))
    : and(eq(notes.pinned, false), lt(notes.id, id));
}

/** The account's notes, pinned first then newest first, by subject, issuer, author, pin or mention. */
export async function listNotes(
  db: Db,
  accountId: string,
  filters: NoteFilters,
): Promise<Page<ReturnType<typeof noteToWire>>> {
  const mentioned = filters.mentions_user_id
    ? exists(
        db
          .select({ id: noteMentions.noteId })
          .from(noteMentions)
          .where(
            and(
              eq(noteMentions.noteId, notes.id),
              eq(noteMentions.mentionedUserId, filters.mentions_user_id),
            ),
          ),
      )
    : undefined;
  const rows = await db
    .select()
    .from(notes)
    .where(
      and(
        eq(notes.accountId, accountId),
        filters.subject_type ? eq(notes.subjectType, filters.subject_type) : undefined,
        filters.subject_id ? eq(notes.subjectId, filters.subject_id) : undefined,
        filters.issuer_id ? eq(notes.issuerId, filters.issuer_id) : undefined,
        filters.created_by ? eq(notes.createdBy, filters.created_by) : undefined,
        filters.pinned === undefined ? undefined : eq(notes.pinned, filters.pinned),
        mentioned,
        filters.cursor ? after(filters.cursor) : undefined,
      ),
    )
    .orderBy(desc(notes.pinned), desc(notes.id))
    .limit(filters.limit + 1);
  const hasMore = rows.length > filters.limit;
  const pageRows = rows.slice(0, filters.limit);
  const last = pageRows.at(-1);
  return {
    data: await withLinks(db, pageRows),
    has_more: hasMore,
    next_cursor: hasMore && last ? noteCursor(last) : null,
  };
}

/** Notes whose content links to a resource (`[[type:id]]`), newest first. */
export async function noteBacklinks(db: Db, accountId: string, query: BacklinksQuery) {
  const rows = await db
    .select({ note: notes })
    .from(noteReferences)
    .innerJoin(notes, eq(notes.id, noteReferences.noteId))
    .where(
      and(
        eq(noteReferences.accountId, accountId),
        eq(noteReferences.refType, query.ref_type),
        eq(noteReferences.refId, query.ref_id),
      ),
    )
    .orderBy(desc(notes.id))
    .limit(query.limit);
  return withLinks(
    db,
    rows.map((r) => r.note),
  );
}

/** How many notes a resource has. */
export async function countNotes(db: Db, accountId: string, query: CountQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notes)
    .where(
      and(
        eq(notes.accountId, accountId),
        eq(notes.subjectType, query.subject_type),
        eq(notes.subjectId, query.subject_id),
      ),
    );
  return row?.n ?? 0;
}
