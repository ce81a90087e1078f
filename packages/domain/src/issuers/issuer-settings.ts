export * from "../values/issuer-settings.ts";
