// The public face of this aggregate: import it as `@authpi/domain/api-keys`.
export * from "./api-key-filters.ts";
export * from "./api-key-secret.ts";
export * from "./authenticate-api-key.ts";
export * from "./idempotency.ts";
export * from "./manage-api-keys.ts";
