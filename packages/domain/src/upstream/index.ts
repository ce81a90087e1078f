export * from "./upstream-contract.ts";
