// The public face of this aggregate: import it as `@authpi/domain/notes`.
export * from "./list-notes.ts";
export * from "./manage-notes.ts";
export * from "./note-content.ts";
export * from "./note-input.ts";
export * from "./note-links.ts";
export * from "./note-subject.ts";
export * from "./note-wire.ts";
export * from "./notes-about.ts";
