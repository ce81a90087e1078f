import type { IssuerSettings } from "../values/issuer-settings.ts";

/** What an issuer's settings say about self-service signup (docs/decisions/signup.md). */
export interface SignupPolicy {
  /** The hosted page `{issuer_url}/signup` takes signups. */
  hosted: boolean;
  /** The issuer's own signup page, when it replaces ours (`portals.signup_page_url`). */
  externalUrl: string | null;
  verifyEmail: boolean;
  createOrganization: boolean;
  /** Lower case; empty means any domain. */
  allowedDomains: readonly string[];
}

/** The signup policy of an issuer's settings; `access.mode` is the source of `allow_new_users`. */
export function signupPolicy(settings: IssuerSettings): SignupPolicy {
  const open = settings.access.mode === "open" && settings.portals.enable_signup;
  const externalUrl = open ? (settings.portals.signup_page_url ?? null) : null;
  return {
    hosted: open && externalUrl === null,
    externalUrl,
    verifyEmail: settings.verify_email_address_on_signup,
    createOrganization: settings.create_new_org_on_signup,
    allowedDomains: settings.signup.allowed_email_domains,
  };
}

export type SignupRefusal = "signup_off" | "domain_not_allowed";

/**
 * Why a signup with `email` is refused, or null: the hosted page must be on, and the email's
 * domain (after the last `@`, lower case) one of the allowed ones when any are listed.
 */
export function signupRefusal(policy: SignupPolicy, email: string): SignupRefusal | null {
  if (!policy.hosted) return "signup_off";
  if (policy.allowedDomains.length === 0) return null;
  const domain = email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
  return policy.allowedDomains.includes(domain) ? null : "domain_not_allowed";
}
