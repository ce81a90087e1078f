// The public face of this aggregate: import it as `@authpi/domain/cache`.
export * from "./ttl-cache.ts";
