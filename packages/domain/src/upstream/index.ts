export * from "./adapters.ts";
export * from "./attempt-store.ts";
export * from "./connection-sources.ts";
export * from "./identities.ts";
export * from "./presets.ts";
export * from "./upstream-amr.ts";
export * from "./upstream-contract.ts";
export * from "./upstream-sign-in.ts";
