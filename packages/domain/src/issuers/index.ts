// The public face of this aggregate: import it as `@authpi/domain/issuers`.
export * from "./create-issuer.ts";
export * from "./find-issuer.ts";
export * from "./issuer-settings.ts";
export * from "./issuer-wire.ts";
export * from "./list-issuers.ts";
export * from "./manage-issuers.ts";
export * from "./shard-growth.ts";
