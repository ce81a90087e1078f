// The public face of this aggregate: import it as `@authpi/domain/consents`.
export * from "./agent-consents.ts";
export * from "./consent-needed.ts";
export * from "./consent-wire.ts";
export * from "./first-party.ts";
export * from "./manage-consents.ts";
