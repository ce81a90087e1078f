export * from "./adapters.ts";
export * from "./connection-sources.ts";
export * from "./presets.ts";
export * from "./upstream-amr.ts";
export * from "./upstream-contract.ts";
