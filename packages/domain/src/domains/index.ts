// The public face of this aggregate: import it as `@authpi/domain/domains`.
export * from "./dns-over-https.ts";
export * from "./domain-input.ts";
export * from "./domain-wire.ts";
export * from "./host-name.ts";
export * from "./manage-domains.ts";
export * from "./verify-domain.ts";
