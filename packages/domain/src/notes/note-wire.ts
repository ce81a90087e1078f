import type { noteMentions, noteReferences, notes } from "../db/schema.ts";

export type NoteRow = typeof notes.$inferSelect;
export type NoteMentionRow = typeof noteMentions.$inferSelect;
export type NoteReferenceRow = typeof noteReferences.$inferSelect;

export interface NoteLinkRows {
  mentions: NoteMentionRow[];
  references: NoteReferenceRow[];
}

/** A note in the `authpi-admin` `Note` shape, with its parsed mentions and references. */
export function noteToWire(row: NoteRow, links: NoteLinkRows = { mentions: [], references: [] }) {
  return {
    id: row.id,
    account_id: row.accountId,
    issuer_id: row.issuerId,
    subject_type: row.subjectType,
    subject_id: row.subjectId,
    content: row.content,
    pinned: row.pinned,
    created_by: row.createdBy,
    updated_by: row.updatedBy,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    mentions: links.mentions.map((m) => ({
      mentioned_user_id: m.mentionedUserId,
      created_at: m.createdAt,
    })),
    references: links.references.map((r) => ({
      ref_type: r.refType,
      ref_id: r.refId,
      ref_issuer_id: r.refIssuerId,
      created_at: r.createdAt,
    })),
  };
}

/** The cursor of a note in the pinned-first, newest-first order. */
export function noteCursor(row: NoteRow): string {
  return `${row.pinned ? 1 : 0}:${row.id}`;
}
