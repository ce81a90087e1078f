import { describe, expect, it } from "vitest";
import { emailDomainOf, homeRealm, type RealmClaim } from "./home-realm.ts";

const ISSUER = "iss_a";
const claim = (over: Partial<RealmClaim> = {}): RealmClaim => ({
  host: "acme.example",
  claimIssuerId: ISSUER,
  orgIssuerId: ISSUER,
  claimAccountId: "acc_1",
  orgAccountId: "acc_1",
  orgId: "org_acme",
  orgName: "Acme",
  orgStatus: "active",
  ssoEnabled: true,
  ssoOnly: false,
  domainVerifiedAt: 1,
  ...over,
});

describe("home-realm discovery", () => {
  it("routes an email of a claimed, verified domain to its organization, any case", () => {
    expect(homeRealm("alice@acme.example", ISSUER, [claim()])).toEqual({
      orgId: "org_acme",
      orgName: "Acme",
      host: "acme.example",
      ssoOnly: false,
    });
    expect(homeRealm("  Alice@ACME.Example ", ISSUER, [claim({ ssoOnly: true })])?.ssoOnly).toBe(
      true,
    );
  });

  it("reads only well-formed emails", () => {
    expect(emailDomainOf("alice@acme.example")).toBe("acme.example");
    for (const bad of [
      "acme.example",
      "+15551234567",
      "alice",
      "@acme.example",
      "alice@",
      "a@b@acme.example",
      "al ice@acme.example",
      "alice@acme.example.",
      "alice@acme..example",
      "alice@127.0.0.1",
      "alice@аcme.example",
    ]) {
      expect(emailDomainOf(bad), bad).toBeNull();
    }
  });

  it("cannot be steered to another organization by a crafted username", () => {
    const claims = [claim()];
    for (const crafted of [
      "alice@sub.acme.example",
      "alice@acme.example.evil.example",
      "alice@evilacme.example",
      "alice@evil.example@acme.example",
      "alice@acme.example@evil.example",
      "alice%40acme.example@evil.example",
      "alice@acme.example\u0000",
      "alice@acme.example/",
      "alice@аcme.example",
    ]) {
      expect(homeRealm(crafted, ISSUER, claims), crafted).toBeNull();
    }
  });

  it("ignores claims that are unverified, of another issuer or account, or of an org without SSO", () => {
    const user = "alice@acme.example";
    expect(homeRealm(user, ISSUER, [claim({ domainVerifiedAt: null })])).toBeNull();
    expect(homeRealm(user, ISSUER, [claim({ claimIssuerId: "iss_b" })])).toBeNull();
    expect(homeRealm(user, ISSUER, [claim({ orgIssuerId: "iss_b" })])).toBeNull();
    expect(homeRealm(user, ISSUER, [claim({ claimAccountId: "acc_2" })])).toBeNull();
    expect(homeRealm(user, ISSUER, [claim({ ssoEnabled: false })])).toBeNull();
    expect(homeRealm(user, ISSUER, [claim({ orgStatus: "suspended" })])).toBeNull();
    expect(homeRealm(user, "iss_b", [claim()])).toBeNull();
  });
});
