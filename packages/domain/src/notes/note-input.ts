import { z } from "zod";

import { NOTE_REF_TYPES, NOTE_SUBJECT_TYPES } from "../values/note-types.ts";

export {
  NOTE_REF_TYPES,
  NOTE_SUBJECT_TYPES,
  type NoteRefType,
  type NoteSubjectType,
} from "../values/note-types.ts";

/** Subjects that live inside an issuer, so a note on them names it. */
export const ISSUER_SCOPED: ReadonlySet<string> = new Set(["user", "org", "client", "agent"]);

const Id = z.string().min(1).max(100);
const Content = z.string().trim().min(1).max(20_000);
const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");

export const CreateNoteInput = z
  .strictObject({
    subject_type: z.enum(NOTE_SUBJECT_TYPES),
    subject_id: Id,
    issuer_id: Id.nullish(),
    content: Content,
    pinned: z.boolean().nullish(),
  })
  .refine((v) => !ISSUER_SCOPED.has(v.subject_type) || v.issuer_id, {
    message: "is required for user, org, client and agent notes",
    path: ["issuer_id"],
  });
export type CreateNoteInput = z.output<typeof CreateNoteInput>;

export const UpdateNoteInput = z.strictObject({
  content: Content.nullish(),
  pinned: z.boolean().nullish(),
});
export type UpdateNoteInput = z.output<typeof UpdateNoteInput>;

/** `cursor` is `<pinned 0|1>:<note id>`: notes list pinned first, then newest first. */
export const NoteFilters = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z
      .string()
      .regex(/^[01]:note_[0-9a-z]{8,64}$/, "must be a next_cursor from a previous page")
      .optional(),
    subject_type: z.enum(NOTE_SUBJECT_TYPES).optional(),
    subject_id: Id.optional(),
    issuer_id: Id.optional(),
    created_by: Id.optional(),
    pinned: boolParam.optional(),
    mentions_user_id: Id.optional(),
  })
  .refine((v) => !v.subject_id || v.subject_type, {
    message: "needs subject_type",
    path: ["subject_id"],
  });
export type NoteFilters = z.output<typeof NoteFilters>;

export const BacklinksQuery = z.object({
  ref_type: z.enum(NOTE_REF_TYPES),
  ref_id: Id,
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type BacklinksQuery = z.output<typeof BacklinksQuery>;

export const CountQuery = z.object({ subject_type: z.enum(NOTE_SUBJECT_TYPES), subject_id: Id });
export type CountQuery = z.output<typeof CountQuery>;
