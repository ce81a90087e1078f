// The public face of this aggregate: import it as `@authpi/domain/branding`.
export * from "../values/brand-color.ts";
export * from "./brand-of.ts";
