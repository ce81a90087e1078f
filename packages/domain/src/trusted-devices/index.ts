// The public face of this aggregate: import it as `@authpi/domain/trusted-devices`.
export * from "./manage-trusted-devices.ts";
export * from "./trusted-device-wire.ts";
