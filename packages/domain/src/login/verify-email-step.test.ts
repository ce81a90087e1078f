import { describe, expect, it } from "vitest";
import { type SignInPolicyInput, signInPolicy, signInStep } from "./sign-in-policy.ts";

const BASE: SignInPolicyInput = {
  methods: [
    { method: "password", firstFactorOnly: true },
    { method: "totp_app", firstFactorOnly: false },
  ],
  secondFactor: "optional",
  enforcingOrganizations: [],
  acrValues: [],
  maxAge: null,
  prompt: [],
};
const pwd = { amr: ["pwd"], enrolled: [] };

describe("signInStep: email verification (docs/decisions/signup.md)", () => {
  it("asks an unverified user to verify before any code when the issuer requires it", () => {
    const required = signInPolicy({ ...BASE, verifyEmail: true });
    expect(signInStep(required, { ...pwd, emailVerified: false })).toBe("verify_email");
    expect(signInStep(required, { ...pwd, emailVerified: true })).toBe("done");
  });

  it("never asks when the issuer does not require verification (the default)", () => {
    expect(signInStep(signInPolicy(BASE), { ...pwd, emailVerified: false })).toBe("done");
    expect(signInPolicy(BASE).verifyEmail).toBe(false);
  });

  it("puts the second factor first: verification comes once the factors are met", () => {
    const required = signInPolicy({ ...BASE, verifyEmail: true });
    const withTotp = { amr: ["pwd"], enrolled: ["totp_app" as const], emailVerified: false };
    expect(signInStep(required, withTotp)).toBe("second_factor");
    expect(signInStep(required, { ...withTotp, amr: ["pwd", "otp", "mfa"] })).toBe("verify_email");
    const mfa = signInPolicy({ ...BASE, verifyEmail: true, secondFactor: "required" });
    expect(signInStep(mfa, { ...pwd, emailVerified: false })).toBe("enroll");
  });
});
