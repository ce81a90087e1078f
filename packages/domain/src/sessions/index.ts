// The public face of this aggregate: import it as `@authpi/domain/sessions`.
export * from "./manage-sessions.ts";
export * from "./session-events.ts";
export * from "./session-expiry.ts";
export * from "./session-wire.ts";
