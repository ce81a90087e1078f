// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document; docs/client-id-metadata.md).
export * from "./client-id-url.ts";
export * from "./document-cache.ts";
export * from "./fetch-document.ts";
export * from "./metadata-document.ts";
export * from "./resolve-client.ts";
export * from "./virtual-client.ts";
