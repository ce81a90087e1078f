// The public face of this aggregate: import it as `@authpi/domain/passwords`.
export * from "./password-rules.ts";
