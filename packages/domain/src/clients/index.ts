// The public face of this aggregate: import it as `@authpi/domain/clients`.
export * from "./client-kind.ts";
export * from "./client-settings.ts";
export * from "./client-wire.ts";
export * from "./create-client.ts";
export * from "./find-client.ts";
export * from "./manage-clients.ts";
export * from "./metadata-document/index.ts";
export * from "./unstored-client.ts";
