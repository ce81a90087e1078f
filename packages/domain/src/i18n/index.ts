// The public face of this aggregate: import it as `@authpi/domain/i18n`.
export * from "./locale.ts";
export * from "./messages.ts";
export * from "./negotiate-locale.ts";
