// The public face of this aggregate: import it as `@authpi/domain/credits`.
export * from "./credit-wire.ts";
export * from "./manage-credits.ts";
