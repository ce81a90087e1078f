// The public face of this aggregate: import it as `@authpi/domain/scopes`.
export * from "./scope-match.ts";
