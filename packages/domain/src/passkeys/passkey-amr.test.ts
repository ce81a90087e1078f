import { describe, expect, it } from "vitest";
import { signInPolicy } from "../login/sign-in-policy.ts";
import { passkeyAmr } from "./passkey-amr.ts";

describe("passkeyAmr", () => {
  it("says hwk for a device-bound key, swk for a synced one, and mfa only with user verification", () => {
    expect(passkeyAmr("singleDevice", true)).toEqual(["hwk", "mfa"]);
    expect(passkeyAmr("multiDevice", true)).toEqual(["swk", "mfa"]);
    expect(passkeyAmr("multiDevice", false)).toEqual(["swk"]);
  });
});

describe("passkeys in the sign-in policy", () => {
  const base = {
    secondFactor: "optional" as const,
    enforcingOrganizations: [],
    acrValues: [],
    maxAge: null,
    prompt: [],
  };
  it("offers passkeys exactly when the webauthn method is enabled", () => {
    const on = signInPolicy({ ...base, methods: [{ method: "webauthn", firstFactorOnly: false }] });
    const off = signInPolicy({
      ...base,
      methods: [{ method: "password", firstFactorOnly: false }],
    });
    expect([on.passkeys, off.passkeys]).toEqual([true, false]);
  });
});
