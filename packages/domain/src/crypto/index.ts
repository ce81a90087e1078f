// The public face of this aggregate: import it as `@authpi/domain/crypto`.
export * from "./argon2id.ts";
export * from "./encoding.ts";
export * from "./hash.ts";
export * from "./password.ts";
export * from "./pbkdf2.ts";
export * from "./phc.ts";
export * from "./random-string.ts";
export * from "./sealed-box.ts";
