import { describe, expect, it } from "vitest";
import { isUpstreamUrl } from "../auth-methods/auth-method-settings.ts";
import { verifiedEmail } from "./github-adapter.ts";
import { profileOf } from "./oidc-adapter.ts";
import { upstreamAmr } from "./upstream-amr.ts";

const profile = profileOf({
  iss: "https://op.example",
  sub: "u1",
  aud: "edge",
  iat: 1,
  exp: 2,
  email: "Ada@Example.com",
  email_verified: "true",
  amr: ["pwd", "otp"],
  acr: "urn:op:loa:2",
});

describe("upstream rules", () => {
  it("counts an upstream email as verified only when email_verified is exactly true", () => {
    expect(profile).toMatchObject({ email: "ada@example.com", emailVerified: false });
    expect(
      profileOf({
        ...profile,
        sub: "u1",
        aud: "edge",
        iat: 1,
        exp: 2,
        iss: "x",
        email_verified: true,
      }).emailVerified,
    ).toBe(true);
  });

  it("adds mfa to fed only for a mapped upstream amr or acr", () => {
    expect(upstreamAmr({ amrValues: [], acrValues: [] }, profile)).toEqual(["fed"]);
    expect(upstreamAmr({ amrValues: ["mfa"], acrValues: [] }, profile)).toEqual(["fed"]);
    expect(upstreamAmr({ amrValues: ["otp"], acrValues: [] }, profile)).toEqual(["fed", "mfa"]);
    expect(upstreamAmr({ amrValues: [], acrValues: ["urn:op:loa:2"] }, profile)).toEqual([
      "fed",
      "mfa",
    ]);
  });

  it("takes only a verified GitHub address, the primary one first", () => {
    expect(verifiedEmail([{ email: "a@x.io", primary: true, verified: false }])).toBeNull();
    expect(
      verifiedEmail([
        { email: "a@x.io", primary: true, verified: false },
        { email: "B@x.io", primary: false, verified: true },
      ]),
    ).toBe("b@x.io");
  });

  it("allows plain http only for a loopback upstream", () => {
    expect(isUpstreamUrl("https://op.example")).toBe(true);
    expect(isUpstreamUrl("http://127.0.0.1:4000/op")).toBe(true);
    expect(isUpstreamUrl("http://localhost:4000")).toBe(true);
    expect(isUpstreamUrl("http://op.example")).toBe(false);
    expect(isUpstreamUrl("http://127.0.0.1.evil.example")).toBe(false);
  });
});
