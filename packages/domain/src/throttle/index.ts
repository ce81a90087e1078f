// The public face of this aggregate: import it as `@authpi/domain/throttle`.
export * from "./refusals.ts";
export * from "./source-address.ts";
