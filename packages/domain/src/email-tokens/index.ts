// The public face of this aggregate: import it as `@authpi/domain/email-tokens`.
export * from "./email-rate-limits.ts";
export * from "./email-token.ts";
export * from "./email-token-store.ts";
