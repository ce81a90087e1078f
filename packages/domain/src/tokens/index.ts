// The public face of this aggregate: import it as `@authpi/domain/tokens`.

export * from "./claims-snapshot.ts";
export * from "./claims-store.ts";
export * from "./introspect-token.ts";
export * from "./issue-tokens.ts";
export * from "./jwt.ts";
export * from "./organizations-claim.ts";
export * from "./personal-token-id.ts";
export * from "./personal-token-jwt.ts";
export * from "./personal-token-store.ts";
export * from "./personal-token-wire.ts";
export * from "./personal-tokens.ts";
export * from "./refresh-handle.ts";
export * from "./user-claims.ts";
