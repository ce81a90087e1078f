import { env } from "cloudflare:workers";
import { open } from "@authpi/domain/crypto";
import { organizations } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { publishTxt } from "@authpi/testkit/fake-doh-worker";
import { TEST_SECRETS } from "@authpi/testkit/test-secrets";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connection, type Org } from "./support/sso-fixtures.ts";

const { DB, DNS_RESOLVER } = env as unknown as { DB: D1Database; DNS_RESOLVER: Fetcher };
const PURPOSE = "organization-sso-client-secret";

describe("organization SSO: secrets, claims and bad configurations", () => {
  it("seals the client secret and never returns it, nor the rotated one", async () => {
    const s = await seedIssuer(DB);
    const orgs = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations`;
    const created = await apiCall("POST", orgs, s.basicAuth, { name: "sealed", sso: connection });
    const createdText = await created.text();
    const org = (JSON.parse(createdText) as { data: Org }).data;
    const rotated = await dataOf<{ secret: string }>(
      await apiCall("POST", `${orgs}/${org.id}/sso/rotate-secret`, s.basicAuth),
    );
    const texts = [
      createdText,
      await (await apiCall("GET", `${orgs}/${org.id}`, s.basicAuth)).text(),
      await (await apiCall("GET", orgs, s.basicAuth)).text(),
      await (await apiCall("PATCH", `${orgs}/${org.id}`, s.basicAuth, { name: "renamed" })).text(),
    ];
    for (const text of texts) {
      expect(text).not.toContain(connection.oidc.client_secret);
      expect(text).not.toContain(rotated.secret);
    }
    const [row] = await s.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(JSON.stringify(row)).not.toContain(rotated.secret);
    expect(
      await open(TEST_SECRETS.KEY_ENCRYPTION_SECRET, PURPOSE, row?.ssoClientSecretSealed as string),
    ).toBe(rotated.secret);
  });

  it("refuses to enable an incomplete connection, SSO-only without SSO, and SAML", async () => {
    const s = await seedIssuer(DB);
    const orgs = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations`;
    const org = await dataOf<Org>(await apiCall("POST", orgs, s.basicAuth, { name: "half" }));
    const cases: [unknown, string[]][] = [
      [
        { enabled: true },
        ["sso.protocol", "sso.oidc.issuer", "sso.oidc.client_id", "sso.oidc.client_secret"],
      ],
      [
        {
          enabled: true,
          protocol: "oidc",
          oidc: { issuer: "https://idp.example", client_id: "x" },
        },
        ["sso.oidc.client_secret"],
      ],
      [{ sso_only: true }, ["sso.sso_only"]],
      [{ protocol: "saml" }, ["sso.protocol"]],
      [{ oidc: { issuer: "http://plain.example" } }, ["sso.oidc.issuer"]],
      [{ enabled: true, domain: "x" }, ["sso"]],
    ];
    for (const [sso, fields] of cases) {
      const response = await apiCall("PATCH", `${orgs}/${org.id}`, s.basicAuth, { sso });
      expect(response.status, JSON.stringify(sso)).toBe(422);
      const body = (await response.json()) as { error_description: string };
      for (const field of fields) expect(body.error_description).toContain(field);
    }
    const still = await dataOf<Org>(await apiCall("GET", `${orgs}/${org.id}`, s.basicAuth));
    expect(still.sso.enabled).toBe(false);
  });

  it("lets one organization per issuer claim a domain, and no other issuer's organization in", async () => {
    const s = await seedIssuer(DB);
    const other = await seedIssuer(DB);
    const orgs = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations`;
    const first = await dataOf<Org>(await apiCall("POST", orgs, s.basicAuth, { name: "first" }));
    const second = await dataOf<Org>(await apiCall("POST", orgs, s.basicAuth, { name: "second" }));
    const host = `${crypto.randomUUID().slice(0, 8)}.claim.example`;
    const claim = (orgId: string) =>
      apiCall("POST", `${orgs}/${orgId}/sso/domains`, s.basicAuth, { domain: host });
    expect((await claim(first.id)).status).toBe(201);
    expect((await claim(first.id)).status).toBe(201);
    expect((await claim(second.id)).status).toBe(409);

    const theirOrg = await dataOf<Org>(
      await apiCall(
        "POST",
        `/v1/accounts/${other.accountId}/issuers/${other.issuer.id}/organizations`,
        other.basicAuth,
        { name: "theirs" },
      ),
    );
    const sneaky = await apiCall("POST", `${orgs}/${theirOrg.id}/sso/domains`, s.basicAuth, {
      domain: `x.${host}`,
    });
    expect(sneaky.status).toBe(404);
    expect(
      (await apiCall("POST", `${orgs}/${theirOrg.id}/sso/rotate-secret`, s.basicAuth)).status,
    ).toBe(404);
    expect(
      (await apiCall("DELETE", `${orgs}/${second.id}/sso/domains/${host}`, s.basicAuth)).status,
    ).toBe(404);
  });

  it("drops claims with the account domain and with the organization", async () => {
    const s = await seedIssuer(DB);
    const orgs = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations`;
    const org = await dataOf<Org>(await apiCall("POST", orgs, s.basicAuth, { name: "drop" }));
    const host = `${crypto.randomUUID().slice(0, 8)}.drop.example`;
    await apiCall("POST", `${orgs}/${org.id}/sso/domains`, s.basicAuth, { domain: host });
    expect(
      (await apiCall("DELETE", `/v1/accounts/${s.accountId}/domains/${host}`, s.basicAuth)).status,
    ).toBe(204);
    const after = await dataOf<Org>(await apiCall("GET", `${orgs}/${org.id}`, s.basicAuth));
    expect(after.sso.domains).toEqual([]);

    await apiCall("POST", `${orgs}/${org.id}/sso/domains`, s.basicAuth, { domain: host });
    expect((await apiCall("DELETE", `${orgs}/${org.id}`, s.basicAuth)).status).toBe(204);
    const again = await dataOf<Org>(await apiCall("POST", orgs, s.basicAuth, { name: "next" }));
    expect(
      (await apiCall("POST", `${orgs}/${again.id}/sso/domains`, s.basicAuth, { domain: host }))
        .status,
    ).toBe(201);
  });

  it("refuses a claim on a domain another account verified, and keeps an unproved claim unverified", async () => {
    const owner = await seedIssuer(DB);
    const squatter = await seedIssuer(DB);
    const host = `${crypto.randomUUID().slice(0, 8)}.owned.example`;
    const ownerDomains = `/v1/accounts/${owner.accountId}/domains`;
    const added = await dataOf<{ domains: { verification: { txt_record_value: string } }[] }>(
      await apiCall("POST", ownerDomains, owner.basicAuth, { host }),
    );
    const value = added.domains[0]?.verification.txt_record_value as string;

    const orgs = `/v1/accounts/${squatter.accountId}/issuers/${squatter.issuer.id}/organizations`;
    const org = await dataOf<Org>(await apiCall("POST", orgs, squatter.basicAuth, { name: "sq" }));
    const early = await apiCall("POST", `${orgs}/${org.id}/sso/domains`, squatter.basicAuth, {
      domain: host,
    });
    expect(early.status).toBe(201);
    const claimed = await dataOf<Org>(
      await apiCall("GET", `${orgs}/${org.id}`, squatter.basicAuth),
    );
    expect(claimed.sso.domains).toEqual([
      expect.objectContaining({ domain: host, verified: false }),
    ]);

    await publishTxt(DNS_RESOLVER, `_authpi-challenge.${host}`, [value]);
    expect((await apiCall("POST", `${ownerDomains}/${host}/verify`, owner.basicAuth)).status).toBe(
      200,
    );
    // The squatter's TXT token is not published, and the owner's proves nothing for it.
    const proof = await apiCall(
      "POST",
      `${orgs}/${org.id}/sso/domains/${host}/verify`,
      squatter.basicAuth,
    );
    expect(proof.status).toBe(409);
    await apiCall("DELETE", `${orgs}/${org.id}/sso/domains/${host}`, squatter.basicAuth);
    const late = await apiCall("POST", `${orgs}/${org.id}/sso/domains`, squatter.basicAuth, {
      domain: host,
    });
    expect(late.status).toBe(409);
    const after = await dataOf<Org>(await apiCall("GET", `${orgs}/${org.id}`, squatter.basicAuth));
    expect(after.sso.domains).toEqual([]);
  });
});
