import { describe, expect, it } from "vitest";
import {
  acrFor,
  nextSignInStep,
  type SignInPolicyInput,
  sessionMeetsPolicy,
  signInPolicy,
} from "./sign-in-policy.ts";

const DEFAULTS: SignInPolicyInput = {
  methods: [
    { method: "password", firstFactorOnly: true },
    { method: "webauthn", firstFactorOnly: false },
    { method: "totp_app", firstFactorOnly: false },
    { method: "backup_codes", firstFactorOnly: false },
  ],
  secondFactor: "optional",
  enforcingOrganizations: [],
  acrValues: [],
  maxAge: null,
  prompt: [],
};
const policy = (overrides: Partial<SignInPolicyInput> = {}) =>
  signInPolicy({ ...DEFAULTS, ...overrides });

describe("signInPolicy", () => {
  it("offers the enabled methods only, and never a first-factor-only one as a second factor", () => {
    expect(policy().firstFactors).toEqual(["password"]);
    expect(policy().secondFactors).toEqual(["totp_app", "backup_codes"]);
    const totpFirstOnly = policy({
      methods: [
        { method: "password", firstFactorOnly: true },
        { method: "totp_app", firstFactorOnly: true },
      ],
    });
    expect(totpFirstOnly.secondFactors).toEqual([]);
    expect(policy({ methods: [] }).firstFactors).toEqual([]);
  });

  it("offers email sign-in (email-link) as a first factor only, whatever first_factor_only says", () => {
    for (const firstFactorOnly of [true, false]) {
      const withEmail = policy({
        methods: [...DEFAULTS.methods, { method: "email-link", firstFactorOnly }],
      });
      expect(withEmail.firstFactors).toEqual(["password", "email-link"]);
      expect(withEmail.secondFactors).toEqual(["totp_app", "backup_codes"]);
    }
    const emailOnly = policy({ methods: [{ method: "email-link", firstFactorOnly: true }] });
    expect(emailOnly.firstFactors).toEqual(["email-link"]);
  });

  it("asks a user who signed in by email for their TOTP like after a password", () => {
    const required = policy({ secondFactor: "required" });
    expect(nextSignInStep(required, { amr: ["otp"], enrolled: ["totp_app"] })).toBe(
      "second_factor",
    );
    expect(nextSignInStep(policy(), { amr: ["otp"], enrolled: [] })).toBe("done");
  });

  it("optional asks users who have a factor; off never does unless someone requires it", () => {
    expect(policy().mfa).toBe("if_enrolled");
    expect(policy({ secondFactor: "off" }).mfa).toBe("off");
    expect(policy({ secondFactor: "required" })).toMatchObject({
      mfa: "required",
      mfaReasons: ["issuer"],
    });
  });

  it("an enforcing organization or acr_values asking for MFA require it, even when the issuer is off", () => {
    const org = policy({ secondFactor: "off", enforcingOrganizations: ["org_a"] });
    expect(org).toMatchObject({ mfa: "required", mfaReasons: ["organization:org_a"] });
    const acr = policy({ secondFactor: "off", acrValues: ["mfa"] });
    expect(acr).toMatchObject({ mfa: "required", mfaReasons: ["acr_values"] });
    const pape = policy({
      acrValues: ["http://schemas.openid.net/pape/policies/2007/06/multi-factor"],
    });
    expect(pape.mfa).toBe("required");
    expect(policy({ acrValues: ["1fa"] }).mfa).toBe("if_enrolled");
  });

  it("prompt=login and max_age decide whether an existing session still counts", () => {
    const now = 1_000_000;
    const session = { authTime: now - 60_000, amr: ["pwd"] };
    expect(sessionMeetsPolicy(policy(), session, now)).toBe(true);
    expect(sessionMeetsPolicy(policy({ prompt: ["login"] }), session, now)).toBe(false);
    expect(sessionMeetsPolicy(policy({ maxAge: 30 }), session, now)).toBe(false);
    expect(sessionMeetsPolicy(policy({ maxAge: 120 }), session, now)).toBe(true);
    const required = policy({ enforcingOrganizations: ["org_a"] });
    expect(sessionMeetsPolicy(required, session, now)).toBe(false);
    expect(sessionMeetsPolicy(required, { ...session, amr: ["pwd", "otp", "mfa"] }, now)).toBe(
      true,
    );
  });
});

describe("nextSignInStep", () => {
  const pwd = { amr: ["pwd"], enrolled: [] as const };
  const withTotp = { amr: ["pwd"], enrolled: ["totp_app", "backup_codes"] as const };

  it("asks a user who has TOTP for it unless the issuer turned second factors off", () => {
    expect(nextSignInStep(policy(), withTotp)).toBe("second_factor");
    expect(nextSignInStep(policy({ secondFactor: "off" }), withTotp)).toBe("done");
    expect(nextSignInStep(policy(), pwd)).toBe("done");
  });

  it("enrolls a user without a factor when MFA is required, or refuses when TOTP is disabled", () => {
    expect(nextSignInStep(policy({ secondFactor: "required" }), pwd)).toBe("enroll");
    const noTotp = policy({
      secondFactor: "required",
      methods: [{ method: "password", firstFactorOnly: true }],
    });
    expect(nextSignInStep(noTotp, pwd)).toBe("cannot_comply");
    expect(nextSignInStep(noTotp, withTotp)).toBe("cannot_comply");
  });

  it("enrolls with a passkey alone when TOTP is disabled but passkeys are on; neither is cannot_comply", () => {
    const passkeysOnly = policy({
      secondFactor: "required",
      methods: [
        { method: "password", firstFactorOnly: true },
        { method: "webauthn", firstFactorOnly: false },
      ],
    });
    expect(nextSignInStep(passkeysOnly, pwd)).toBe("enroll");
    const neither = policy({
      secondFactor: "required",
      methods: [
        { method: "password", firstFactorOnly: true },
        { method: "backup_codes", firstFactorOnly: false },
      ],
    });
    expect(nextSignInStep(neither, pwd)).toBe("cannot_comply");
  });

  it("is done once the sign-in has several factors", () => {
    const done = { amr: ["pwd", "otp", "mfa"], enrolled: ["totp_app"] as const };
    expect(nextSignInStep(policy({ secondFactor: "required" }), done)).toBe("done");
  });
});

describe("acrFor", () => {
  it("is absent unless requested, and names the first requested level that was met", () => {
    expect(acrFor([], ["pwd"])).toBeNull();
    expect(acrFor(["mfa", "1fa"], ["pwd"])).toBe("1fa");
    expect(acrFor(["mfa", "1fa"], ["pwd", "otp", "mfa"])).toBe("mfa");
    expect(acrFor(["urn:unknown"], ["pwd"])).toBe("1fa");
  });
});
