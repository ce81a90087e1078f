import type { AuthMethodType } from "../auth-methods/auth-method-types.ts";

import type { SecondFactorSetting } from "../values/issuer-settings.ts";

/** The issuer's second-factor setting (docs/decisions/sign-in.md); `optional` by default. */
export { SECOND_FACTOR_SETTINGS, type SecondFactorSetting } from "../values/issuer-settings.ts";

/** `acr` levels this issuer asserts (OIDC Core §2 `acr`): one factor, or several. */
export const ACR_ONE_FACTOR = "1fa";
export const ACR_MFA = "mfa";
/** `acr_values` entries that ask for multi-factor sign-in (ours, and the OpenID PAPE policy). */
export const MFA_ACR_VALUES: readonly string[] = [
  ACR_MFA,
  "http://schemas.openid.net/pape/policies/2007/06/multi-factor",
];

/** The `acr` values this issuer understands in `acr_values` and asserts (discovery's `acr_values_supported`). */
export const ACR_VALUES_SUPPORTED: readonly string[] = [ACR_ONE_FACTOR, ...MFA_ACR_VALUES];

/** `email-link` (a code and a link by email) is a first factor only: it is never asked second. */
const FIRST_FACTORS: readonly AuthMethodType[] = ["password", "email-link"];
const SECOND_FACTORS: readonly AuthMethodType[] = ["totp_app", "backup_codes"];

export interface EnabledMethod {
  method: AuthMethodType;
  firstFactorOnly: boolean;
}

export interface SignInPolicyInput {
  /** The issuer's enabled auth methods. */
  methods: readonly EnabledMethod[];
  secondFactor: SecondFactorSetting;
  /** Organizations of the sign-in (its `organizations` claim, or the one `org=` selects) with `enforce_2fa`. */
  enforcingOrganizations: readonly string[];
  acrValues: readonly string[];
  /** Seconds (OIDC Core §3.1.2.1). */
  maxAge: number | null;
  prompt: readonly string[];
  /** The issuer's `verify_email_address_on_signup`: no code until the user's email is verified. */
  verifyEmail?: boolean;
}

export type MfaRequirement = "required" | "if_enrolled" | "off";

export interface SignInPolicy {
  /** What the sign-in page offers first. */
  firstFactors: AuthMethodType[];
  /** The factors that may be asked for after the first one. */
  secondFactors: AuthMethodType[];
  /** Whether passkeys (`webauthn`) are enabled: the page offers passkey sign-in and enrollment. */
  passkeys: boolean;
  mfa: MfaRequirement;
  /** Why MFA is required: `issuer`, `acr_values`, or `organization:<id>`. */
  mfaReasons: string[];
  /** `prompt=login` (OIDC Core §3.1.2.1): an existing session does not count. */
  forceLogin: boolean;
  maxAgeMs: number | null;
  /** A user whose email is not verified verifies it before any code is issued. */
  verifyEmail: boolean;
}

/**
 * What one sign-in needs: the issuer's enabled methods decide what is offered; MFA is required
 * by the issuer's `required`, by any enforcing organization of the sign-in, or by `acr_values`
 * asking for it, and even an issuer with `off` cannot waive an organization's or a client's
 * demand; `optional` asks everyone who has a second factor.
 */
export function signInPolicy(input: SignInPolicyInput): SignInPolicy {
  const enabled = (kinds: readonly AuthMethodType[], asSecond: boolean) =>
    kinds.filter((kind) =>
      input.methods.some((m) => m.method === kind && !(asSecond && m.firstFactorOnly)),
    );
  const mfaReasons = [
    ...(input.secondFactor === "required" ? ["issuer"] : []),
    ...(input.acrValues.some((v) => MFA_ACR_VALUES.includes(v)) ? ["acr_values"] : []),
    ...input.enforcingOrganizations.map((id) => `organization:${id}`),
  ];
  const mfa: MfaRequirement =
    mfaReasons.length > 0 ? "required" : input.secondFactor === "off" ? "off" : "if_enrolled";
  return {
    firstFactors: enabled(FIRST_FACTORS, false),
    secondFactors: enabled(SECOND_FACTORS, true),
    passkeys: input.methods.some((m) => m.method === "webauthn"),
    mfa,
    mfaReasons,
    forceLogin: input.prompt.includes("login") || input.prompt.includes("select_account"),
    maxAgeMs: input.maxAge === null ? null : input.maxAge * 1000,
    verifyEmail: input.verifyEmail ?? false,
  };
}

/** Whether an existing sign-in still meets the policy (fresh enough, with MFA if required). */
export function sessionMeetsPolicy(
  policy: SignInPolicy,
  session: { authTime: number; amr: readonly string[] },
  now: number,
): boolean {
  if (policy.forceLogin) return false;
  if (policy.maxAgeMs !== null && session.authTime + policy.maxAgeMs < now) return false;
  return policy.mfa !== "required" || session.amr.includes("mfa");
}

export type NextStep = "done" | "second_factor" | "enroll" | "cannot_comply";

/**
 * The step after the first factor: the user's own second factor when MFA applies to them,
 * enrollment when MFA is required and they have none (TOTP or passkeys must be enabled), or
 * `cannot_comply` (docs/decisions/sign-in.md: no code is issued).
 */
export function nextSignInStep(
  policy: SignInPolicy,
  user: { amr: readonly string[]; enrolled: readonly AuthMethodType[] },
): NextStep {
  if (user.amr.includes("mfa")) return "done";
  const usable = user.enrolled.includes("totp_app") && policy.secondFactors.includes("totp_app");
  if (policy.mfa === "off") return "done";
  if (usable) return "second_factor";
  if (policy.mfa === "if_enrolled") return "done";
  // A passkey added at enrollment counts as the second factor (docs/decisions/sign-in.md).
  return policy.secondFactors.includes("totp_app") || policy.passkeys ? "enroll" : "cannot_comply";
}

/** The `acr` an ID token carries when `acr_values` were requested: the first one met, else the level reached. */
export function acrFor(acrValues: readonly string[], amr: readonly string[]): string | null {
  if (acrValues.length === 0) return null;
  const mfa = amr.includes("mfa");
  const met = acrValues.find((v) => (MFA_ACR_VALUES.includes(v) ? mfa : v === ACR_ONE_FACTOR));
  return met ?? (mfa ? ACR_MFA : ACR_ONE_FACTOR);
}

/** The policy with MFA required for one more reason (e.g. the organization an invitation joins). */
export function requireMfa(policy: SignInPolicy, reason: string): SignInPolicy {
  return { ...policy, mfa: "required", mfaReasons: [...policy.mfaReasons, reason] };
}

/** The steps of a sign-in, with email verification after the factors (docs/decisions/signup.md). */
export type SignInStep = NextStep | "verify_email";

/**
 * The step after a factor passed, email verification included: once the factors are met
 * (`done`), a user whose email is not verified verifies it first when the issuer requires it
 * (`verify_email_address_on_signup`); the factors come first, so verification mails go only
 * to someone who proved they hold the account.
 */
export function signInStep(
  policy: SignInPolicy,
  user: Parameters<typeof nextSignInStep>[1] & { emailVerified: boolean },
): SignInStep {
  const step = nextSignInStep(policy, user);
  return step === "done" && policy.verifyEmail && !user.emailVerified ? "verify_email" : step;
}
