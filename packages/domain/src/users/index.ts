// The public face of this aggregate: import it as `@authpi/domain/users`.
export * from "./backup-codes.ts";
export * from "./create-user.ts";
export * from "./created-verifier-wire.ts";
export * from "./manage-users.ts";
export * from "./user-status.ts";
export * from "./user-verifiers.ts";
export * from "./user-wire.ts";
