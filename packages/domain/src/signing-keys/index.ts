// The public face of this aggregate: import it as `@authpi/domain/signing-keys`.
export * from "./key-ring.ts";
export * from "./key-rows.ts";
export * from "./rotation.ts";
