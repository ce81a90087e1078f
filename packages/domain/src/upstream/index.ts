export * from "./connection-sources.ts";
export * from "./presets.ts";
export * from "./upstream-contract.ts";
