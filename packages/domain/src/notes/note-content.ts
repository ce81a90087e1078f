import { DomainError } from "../errors.ts";
import { NOTE_REF_TYPES, type NoteRefType } from "./note-input.ts";

/** Bounds on what one note may tag and link. */
export const MAX_MENTIONS = 50;
export const MAX_REFERENCES = 100;

const MENTION = /@\[[^\]\n]{1,200}\]\(([A-Za-z0-9_-]{1,100})\)/g;
const REFERENCE = new RegExp(
  `\\[\\[(${NOTE_REF_TYPES.join("|")}):([A-Za-z0-9_-]{1,100})(?:\\|[^\\]\\n]{0,200})?\\]\\]`,
  "g",
);

export interface NoteLinks {
  mentions: string[];
  references: { type: NoteRefType; id: string }[];
}

/**
 * The `@[Name](user_id)` mentions and `[[type:id]]` / `[[type:id|text]]` references in a note's
 * Markdown, each once.
 */
export function parseNoteLinks(content: string): NoteLinks {
  const mentions = [...new Set([...content.matchAll(MENTION)].map((m) => m[1] as string))];
  const seen = new Set<string>();
  const references: NoteLinks["references"] = [];
  for (const m of content.matchAll(REFERENCE)) {
    const key = `${m[1]}:${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    references.push({ type: m[1] as NoteRefType, id: m[2] as string });
  }
  if (mentions.length > MAX_MENTIONS || references.length > MAX_REFERENCES) {
    const message = `a note mentions at most ${MAX_MENTIONS} people and links at most ${MAX_REFERENCES} resources`;
    throw new DomainError("VALIDATION_FAILED", message, {
      fields: [{ field: "content", code: "too_big", message }],
    });
  }
  return { mentions, references };
}
