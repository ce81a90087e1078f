import { describe, expect, it } from "vitest";
import {
  acceptDiscoveredIssuer,
  expectedTenantIssuer,
  isMultiTenant,
} from "./microsoft-tenants.ts";

const TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";
const TID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER = "9188040d-6c67-4c5b-b112-36a304b66dad";

describe("Microsoft multi-tenant issuers", () => {
  it("treats common (also when absent), organizations and consumers as multi-tenant", () => {
    expect([undefined, null, "common", "organizations", "consumers"].map(isMultiTenant)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(isMultiTenant(TID)).toBe(false);
    expect(isMultiTenant("contoso.onmicrosoft.com")).toBe(false);
  });

  it("substitutes the token's own tid into the template", () => {
    expect(expectedTenantIssuer(TEMPLATE, { tid: TID }, [])).toBe(
      `https://login.microsoftonline.com/${TID}/v2.0`,
    );
  });

  it("refuses a token without a GUID tid", () => {
    for (const claims of [{}, { tid: "contoso" }, { tid: 42 }, { tid: `${TID}/x` }]) {
      expect(() => expectedTenantIssuer(TEMPLATE, claims, [])).toThrow(
        expect.objectContaining({ reason: "issuer_mismatch" }),
      );
    }
  });

  it("lets in only the listed tenants when allowed_tenants is set", () => {
    expect(expectedTenantIssuer(TEMPLATE, { tid: TID }, [TID])).toContain(TID);
    expect(() => expectedTenantIssuer(TEMPLATE, { tid: OTHER }, [TID])).toThrow(
      expect.objectContaining({ reason: "tenant_not_allowed" }),
    );
  });

  it("accepts a discovered template or tenant id in the configured tenant's place, nothing else", () => {
    const common = "https://login.microsoftonline.com/common/v2.0";
    expect(acceptDiscoveredIssuer(common, TEMPLATE, "common")).toBe(TEMPLATE);
    const consumers = "https://login.microsoftonline.com/consumers/v2.0";
    const msa = `https://login.microsoftonline.com/${OTHER}/v2.0`;
    expect(acceptDiscoveredIssuer(consumers, msa, "consumers")).toBe(msa);
    for (const foreign of [
      "https://evil.example/{tenantid}/v2.0",
      "https://login.microsoftonline.com/{tenantid}/v1.0",
      "https://login.microsoftonline.com/other/v2.0",
      "https://login.microsoftonline.com/{tenantid}/x/v2.0",
    ]) {
      expect(() => acceptDiscoveredIssuer(common, foreign, "common"), foreign).toThrow(
        expect.objectContaining({ reason: "upstream_error" }),
      );
    }
  });
});
