// The public face of this aggregate: import it as `@authpi/domain/values`.
export * from "./auth-method-types.ts";
export * from "./client-settings.ts";
export * from "./event-parts.ts";
export * from "./issuer-settings.ts";
export * from "./note-types.ts";
export * from "./registration-settings.ts";
export * from "./signup-settings.ts";
export * from "./sso-config.ts";
