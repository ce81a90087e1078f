// The public face of the user portal (`{issuer_url}/account`): import it as `@authpi/domain/portal`.
export * from "./account-client.ts";
export * from "./device-label.ts";
export * from "./own-email.ts";
export * from "./own-password.ts";
export * from "./own-profile.ts";
export * from "./own-sessions.ts";
export * from "./portal-access.ts";
export * from "./portal-session.ts";
export * from "./redeem-portal-code.ts";
