// The public face of this aggregate: import it as `@authpi/domain/auth-methods`.
export * from "./auth-method-input.ts";
export * from "./auth-method-settings.ts";
export * from "./auth-method-types.ts";
export * from "./auth-method-wire.ts";
export * from "./availability.ts";
export * from "./default-auth-methods.ts";
export * from "./manage-auth-methods.ts";
export * from "./method-settings.ts";
