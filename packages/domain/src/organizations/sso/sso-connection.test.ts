import { describe, expect, it } from "vitest";
import { profileOf } from "../../upstream/oidc-adapter.ts";
import { upstreamAmr } from "../../upstream/upstream-amr.ts";
import type { OrganizationRow } from "../organization-wire.ts";
import { connectionFromOrganization } from "./sso-connection.ts";

/** An active organization with SSO on, as D1 returns it (only the fields the connection reads). */
function org(oidc: Record<string, unknown>): OrganizationRow {
  return {
    id: "org_acme",
    name: "Acme",
    status: "active",
    ssoEnabled: true,
    ssoOnly: true,
    sso: {
      protocol: "oidc",
      oidc: { issuer: "https://idp.acme.example", client_id: "edge", ...oidc },
    },
    ssoClientSecretSealed: null,
  } as unknown as OrganizationRow;
}

const answer = (amr: string[], acr?: string) =>
  profileOf({ iss: "https://idp.acme.example", sub: "u", aud: "edge", iat: 1, exp: 2, amr, acr });

describe("an organization's IdP and multi-factor sign-in (issue 17 §3)", () => {
  it("does not count the IdP's multi-factor answer unless the organization maps it", async () => {
    const connection = await connectionFromOrganization(org({}), null);
    expect(connection?.mfa).toEqual({ amrValues: [], acrValues: [] });
    expect(upstreamAmr(connection!.mfa, answer(["pwd", "mfa"], "urn:acme:loa:2"))).toEqual(["fed"]);
  });

  it("counts a mapped amr or acr as the second factor, and nothing else", async () => {
    const connection = await connectionFromOrganization(
      org({ mfa_amr_values: ["mfa"], mfa_acr_values: ["urn:acme:loa:2"] }),
      null,
    );
    const mfa = connection!.mfa;
    expect(upstreamAmr(mfa, answer(["pwd", "mfa"]))).toEqual(["fed", "mfa"]);
    expect(upstreamAmr(mfa, answer(["pwd"], "urn:acme:loa:2"))).toEqual(["fed", "mfa"]);
    expect(upstreamAmr(mfa, answer(["pwd", "otp"], "urn:acme:loa:1"))).toEqual(["fed"]);
  });
});
