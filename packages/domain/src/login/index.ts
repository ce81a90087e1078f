// The public face of this aggregate: import it as `@authpi/domain/login`.
export * from "./check-password.ts";
export * from "./device-cookie.ts";
export * from "./email-sign-in.ts";
export * from "./factor-codes.ts";
export * from "./load-sign-in-policy.ts";
export * from "./lockout.ts";
export * from "./login-events.ts";
export * from "./password-login.ts";
export * from "./password-reset.ts";
export * from "./second-factor.ts";
export * from "./sign-in-policy.ts";
export * from "./source-limit.ts";
export * from "./start-session.ts";
