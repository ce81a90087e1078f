import { z } from "zod";

/** A page URL an issuer may host itself instead of AuthPI's (AuthPI's `portals.*_page_url`). */
const PageUrl = z.string().url().max(2000);

/** One email domain, compared in lower case: `example.com`, no `@`, no wildcard. */
export const EmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    "must be a domain name such as example.com",
  );

const portalFields = {
  enable_signup: z.boolean().default(true),
  signup_page_url: PageUrl.nullish(),
  enable_login: z.boolean().default(true),
  login_page_url: PageUrl.nullish(),
  enable_password_reset: z.boolean().default(true),
  password_reset_page_url: PageUrl.nullish(),
  enable_profile: z.boolean().default(true),
  profile_page_url: PageUrl.nullish(),
};

/** AuthPI's `settings.portals`: each hosted page on or off, or replaced by the issuer's own URL. */
export const PortalSettings = z.strictObject(portalFields);
export type PortalSettings = z.output<typeof PortalSettings>;

/** `settings.signup`: who may register beyond `allow_new_users` (docs/decisions/signup.md). */
export const SignupSettings = z.strictObject({
  /** Empty: any domain. Otherwise the email's domain must be one of these, exactly. */
  allowed_email_domains: z
    .array(EmailDomain)
    .max(100)
    .refine((list) => new Set(list).size === list.length, "must not repeat a domain")
    .default([]),
});
export type SignupSettings = z.output<typeof SignupSettings>;

/** Top-level policy fields as AuthPI names them; `allow_new_users` mirrors `access.mode` (see `alignSignupPolicy`). */
export const signupPolicyFields = {
  allow_new_users: z.boolean().optional(),
  verify_email_address_on_signup: z.boolean().default(false),
  create_new_org_on_signup: z.boolean().default(false),
  portals: PortalSettings.prefault({}),
  signup: SignupSettings.prefault({}),
};

/** The same fields in a PATCH (RFC 7396): each optional, `null` back to its default. */
export const signupPolicyPatchFields = {
  allow_new_users: z.boolean().nullish(),
  verify_email_address_on_signup: z.boolean().nullish(),
  create_new_org_on_signup: z.boolean().nullish(),
  portals: z
    .strictObject({
      enable_signup: z.boolean().nullish(),
      signup_page_url: PageUrl.nullish(),
      enable_login: z.boolean().nullish(),
      login_page_url: PageUrl.nullish(),
      enable_password_reset: z.boolean().nullish(),
      password_reset_page_url: PageUrl.nullish(),
      enable_profile: z.boolean().nullish(),
      profile_page_url: PageUrl.nullish(),
    })
    .nullish(),
  signup: z
    .strictObject({ allowed_email_domains: SignupSettings.shape.allowed_email_domains.nullish() })
    .nullish(),
};

/**
 * The same fields as stored rows are read: unknown keys dropped and a value this version
 * cannot read falls back to its default, so an old row (free-form `portals`) still loads.
 */
export const signupPolicyReadFields = {
  allow_new_users: z.boolean().optional().catch(undefined),
  verify_email_address_on_signup: z.boolean().default(false).catch(false),
  create_new_org_on_signup: z.boolean().default(false).catch(false),
  portals: z
    .object(portalFields)
    .prefault({})
    .catch(() => PortalSettings.parse({})),
  signup: z
    .object(SignupSettings.shape)
    .prefault({})
    .catch(() => SignupSettings.parse({})),
};
