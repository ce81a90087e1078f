/** AuthPI's auth method kinds (the `method` enum of its auth-method reference). */
export const AUTH_METHOD_TYPES = [
  "password",
  "email-link",
  "webauthn",
  "totp_app",
  "backup_codes",
  "oauth2",
  "temporary-password",
] as const;

export type AuthMethodType = (typeof AUTH_METHOD_TYPES)[number];

/** Kinds an issuer has at most one of; `oauth2` may be configured once per provider. */
export const SINGLE_METHODS: ReadonlySet<AuthMethodType> = new Set(
  AUTH_METHOD_TYPES.filter((type) => type !== "oauth2"),
);
