import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { NoteRefType, NoteSubjectType } from "../../values/note-types.ts";
import { ms, timestamps } from "./columns.ts";

/** Team notes attached to a resource of the account (Markdown). */
export const notes = sqliteTable(
  "notes",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id"),
    subjectType: text("subject_type").$type<NoteSubjectType>().notNull(),
    subjectId: text("subject_id").notNull(),
    content: text("content").notNull(),
    pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by").notNull(),
    updatedBy: text("updated_by"),
    ...timestamps,
  },
  (t) => [
    index("notes_account_idx").on(t.accountId, t.pinned, t.id),
    index("notes_subject_idx").on(t.accountId, t.subjectType, t.subjectId),
    index("notes_issuer_idx").on(t.issuerId),
  ],
);

/** `@[Name](user_id)` mentions parsed from a note's content. */
export const noteMentions = sqliteTable(
  "note_mentions",
  {
    noteId: text("note_id").notNull(),
    accountId: text("account_id").notNull(),
    mentionedUserId: text("mentioned_user_id").notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.noteId, t.mentionedUserId] }),
    index("note_mentions_user_idx").on(t.accountId, t.mentionedUserId),
  ],
);

/** `[[type:id]]` references parsed from a note's content, for backlinks. */
export const noteReferences = sqliteTable(
  "note_references",
  {
    noteId: text("note_id").notNull(),
    accountId: text("account_id").notNull(),
    refType: text("ref_type").$type<NoteRefType>().notNull(),
    refId: text("ref_id").notNull(),
    refIssuerId: text("ref_issuer_id"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.noteId, t.refType, t.refId] }),
    index("note_references_ref_idx").on(t.accountId, t.refType, t.refId),
  ],
);
