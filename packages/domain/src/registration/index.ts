// The public face of this aggregate: import it as `@authpi/domain/registration`.
export * from "./client-metadata.ts";
export * from "./register-client.ts";
export * from "./registration-access.ts";
export * from "./registration-policy.ts";
export * from "./registration-tokens.ts";
export * from "./registration-wire.ts";
export * from "./software-statement.ts";
