// The public face of this aggregate: import it as `@authpi/domain/passkeys`.
export * from "./authenticate-passkey.ts";
export * from "./has-passkey.ts";
export * from "./issuer-relying-party.ts";
export * from "./passkey-amr.ts";
export * from "./passkey-credential.ts";
export * from "./passkey-responses.ts";
export * from "./passkey-sign-in.ts";
export * from "./register-passkey.ts";
export * from "./relying-party.ts";
export * from "./webauthn-settings.ts";
