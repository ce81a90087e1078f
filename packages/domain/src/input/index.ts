// The public face of this aggregate: import it as `@authpi/domain/input`.
export * from "./allowed-methods.ts";
export * from "./bounded-body.ts";
export * from "./free-form.ts";
export * from "./limits.ts";
export * from "./media-type.ts";
