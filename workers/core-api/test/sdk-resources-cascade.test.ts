import { env } from "cloudflare:workers";
import {
  accountDomains,
  authMethods,
  notes,
  organizationGroups,
  organizationSsoDomains,
  trustedDevices,
} from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { publishTxt } from "@authpi/testkit/fake-doh-worker";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const bindings = env as unknown as { DB: D1Database; DNS_RESOLVER: Fetcher };

describe("deleting an issuer takes this round's resources with it", () => {
  it("deletes auth methods, groups, SSO claims, trusted devices and notes, and unassigns domains", async () => {
    const s = await seedIssuer(bindings.DB);
    const account = `/v1/accounts/${s.accountId}`;
    const issuer = `${account}/issuers/${s.issuer.id}`;
    const org = await dataOf<{ id: string }>(
      await apiCall("POST", `${issuer}/organizations`, s.basicAuth, { name: "o" }),
    );
    await apiCall("POST", `${issuer}/organizations/${org.id}/groups`, s.basicAuth, { name: "g" });
    const host = `${crypto.randomUUID().slice(0, 8)}.cascade.example`;
    const claim = await dataOf<{ txt_record_name: string; txt_record_value: string }>(
      await apiCall("POST", `${issuer}/organizations/${org.id}/sso/domains`, s.basicAuth, {
        domain: host,
      }),
    );
    await publishTxt(bindings.DNS_RESOLVER, claim.txt_record_name, [claim.txt_record_value]);
    await apiCall("POST", `${account}/domains/${host}/verify`, s.basicAuth);
    await apiCall("POST", `${account}/domains/${host}/assign`, s.basicAuth, {
      issuer_id: s.issuer.id,
    });
    await apiCall("POST", `${issuer}/users/${s.user.id}/trusted-devices`, s.basicAuth, {
      fingerprint: "cascade-device-token-0123456789",
    });
    await apiCall("POST", `${account}/notes`, s.basicAuth, {
      subject_type: "issuer",
      subject_id: s.issuer.id,
      content: "going away",
    });

    expect((await apiCall("DELETE", issuer, s.basicAuth)).status).toBe(204);
    const count = async (
      table: typeof authMethods | typeof organizationGroups | typeof trustedDevices,
    ) => (await s.db.select().from(table).where(eq(table.issuerId, s.issuer.id))).length;
    expect(await count(authMethods)).toBe(0);
    expect(await count(organizationGroups)).toBe(0);
    expect(await count(trustedDevices)).toBe(0);
    expect(
      await s.db
        .select()
        .from(organizationSsoDomains)
        .where(eq(organizationSsoDomains.issuerId, s.issuer.id)),
    ).toEqual([]);
    expect(await s.db.select().from(notes).where(eq(notes.accountId, s.accountId))).toEqual([]);
    const [domain] = await s.db.select().from(accountDomains).where(eq(accountDomains.host, host));
    expect(domain).toMatchObject({ assignedIssuerId: null, verifiedAt: expect.any(Number) });
    const shown = await dataOf<{ domains: { host: string }[] }>(
      await apiCall("GET", account, s.basicAuth),
    );
    expect(shown.domains.map((d) => d.host)).toEqual([host]);
  });
});
