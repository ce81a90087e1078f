// The public face of this aggregate: import it as `@authpi/domain/groups`.
export * from "./group-input.ts";
export * from "./group-wire.ts";
export * from "./manage-groups.ts";
