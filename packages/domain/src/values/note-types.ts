/** What a note may be about, and what it may reference. */
export const NOTE_SUBJECT_TYPES = ["user", "org", "issuer", "client", "agent"] as const;
export const NOTE_REF_TYPES = ["user", "org", "issuer", "client", "webhook", "api_key"] as const;
export type NoteSubjectType = (typeof NOTE_SUBJECT_TYPES)[number];
export type NoteRefType = (typeof NOTE_REF_TYPES)[number];
