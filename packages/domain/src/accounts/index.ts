// The public face of this aggregate: import it as `@authpi/domain/accounts`.
export * from "./bootstrap-account.ts";
export * from "./manage-account.ts";
