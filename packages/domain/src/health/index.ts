// The public face of this aggregate: import it as `@authpi/domain/health`.
export * from "./check-health.ts";
