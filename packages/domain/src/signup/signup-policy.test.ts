import { describe, expect, it } from "vitest";
import { issuerSettings } from "../values/issuer-settings.ts";
import { signupPolicy, signupRefusal } from "./signup-policy.ts";

const open = (extra: Record<string, unknown> = {}) =>
  signupPolicy(issuerSettings({ access: { mode: "open" }, ...extra }));

describe("signupPolicy and signupRefusal (docs/decisions/signup.md)", () => {
  it("is off unless access.mode is open and portals.enable_signup is on", () => {
    expect(signupPolicy(issuerSettings({})).hosted).toBe(false);
    expect(signupPolicy(issuerSettings({ access: { mode: "invite_only" } })).hosted).toBe(false);
    expect(signupPolicy(issuerSettings({ access: { mode: "closed" } })).hosted).toBe(false);
    expect(open().hosted).toBe(true);
    expect(open({ portals: { enable_signup: false } }).hosted).toBe(false);
    expect(signupRefusal(signupPolicy(issuerSettings({})), "a@example.com")).toBe("signup_off");
  });

  it("a signup_page_url replaces the hosted page", () => {
    const external = open({ portals: { signup_page_url: "https://app.example.com/join" } });
    expect(external).toMatchObject({ hosted: false, externalUrl: "https://app.example.com/join" });
    expect(signupRefusal(external, "a@example.com")).toBe("signup_off");
  });

  it("allows any domain when none is listed, else only the listed ones, exactly", () => {
    expect(signupRefusal(open(), "a@anything.test")).toBeNull();
    const corp = open({ signup: { allowed_email_domains: ["example.com"] } });
    expect(signupRefusal(corp, "a@example.com")).toBeNull();
    expect(signupRefusal(corp, "A@EXAMPLE.COM")).toBeNull();
    expect(signupRefusal(corp, "a@sub.example.com")).toBe("domain_not_allowed");
    expect(signupRefusal(corp, "a@example.com.evil.test")).toBe("domain_not_allowed");
    expect(signupRefusal(corp, "a@evil.test@example.org")).toBe("domain_not_allowed");
  });

  it("reads the verification and organization switches", () => {
    const policy = open({ verify_email_address_on_signup: true, create_new_org_on_signup: true });
    expect(policy).toMatchObject({ verifyEmail: true, createOrganization: true });
  });
});
