// The public face of this aggregate: import it as `@authpi/domain/signup`.
export * from "./register-user.ts";
export * from "./signup-policy.ts";
export * from "./stand-in.ts";
export * from "./verification-rules.ts";
export * from "./verification-store.ts";
export * from "./verify-email.ts";
