import {
  BacklinksQuery,
  CountQuery,
  CreateNoteInput,
  NOTE_REF_TYPES,
  NOTE_SUBJECT_TYPES,
  NoteFilters,
  UpdateNoteInput,
} from "@authpi/domain/notes";
import { z } from "@hono/zod-openapi";
import { AccountParams } from "./common.ts";

export const NoteSchema = z
  .object({
    id: z.string().openapi({ example: "note_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    account_id: z.string(),
    issuer_id: z.string().nullable(),
    subject_type: z.enum(NOTE_SUBJECT_TYPES),
    subject_id: z.string(),
    content: z.string().openapi({
      description:
        "Markdown; `@[Name](user_id)` mentions, `[[type:id]]` or `[[type:id|text]]` links",
    }),
    pinned: z.boolean(),
    created_by: z.string().openapi({ description: "Who wrote it (an API key id for keys)" }),
    updated_by: z.string().nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
    mentions: z.array(z.object({ mentioned_user_id: z.string(), created_at: z.number().int() })),
    references: z.array(
      z.object({
        ref_type: z.enum(NOTE_REF_TYPES),
        ref_id: z.string(),
        ref_issuer_id: z.string().nullable(),
        created_at: z.number().int(),
      }),
    ),
  })
  .openapi("Note");

export const CreateNoteBody = CreateNoteInput.openapi("CreateNoteInput");
export const UpdateNoteBody = UpdateNoteInput.openapi("UpdateNoteInput");
export const NoteListQuery = NoteFilters;
export const NoteBacklinksQuery = BacklinksQuery;
export const NoteCountQuery = CountQuery;

export const NoteParams = AccountParams.extend({
  note_id: z.string().openapi({ param: { name: "note_id", in: "path" } }),
});
