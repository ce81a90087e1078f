import { env } from "cloudflare:workers";
import { apiKeys } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Key = { id: string; org_id: string; issuer_id: string; status: string; secret_plain: string };

async function setup() {
  const s = await seedIssuer(DB);
  const issuerPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
  const org = await dataOf<{ id: string }>(
    await apiCall("POST", `${issuerPath}/organizations`, s.basicAuth, { name: "Acme" }),
  );
  const other = await dataOf<{ id: string }>(
    await apiCall("POST", `${issuerPath}/organizations`, s.basicAuth, { name: "Other" }),
  );
  return { s, issuerPath, orgPath: `${issuerPath}/organizations/${org.id}`, org, other };
}

describe("organization API keys", () => {
  it("creates, lists apart from account keys, rotates, blocks and revokes", async () => {
    const { s, orgPath, org } = await setup();
    const created = await apiCall("POST", `${orgPath}/api-keys`, s.basicAuth, {
      name: "acme-ci",
      restrictions: { scopes: ["issuers.organizations.members:read"] },
    });
    expect(created.status).toBe(201);
    const key = await dataOf<Key>(created);
    expect(key).toMatchObject({ org_id: org.id, issuer_id: s.issuer.id, status: "active" });
    const [row] = await s.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.secretHash).not.toContain(key.secret_plain);

    const orgKeys = await dataOf<Key[]>(await apiCall("GET", `${orgPath}/api-keys`, s.basicAuth));
    expect(orgKeys.map((k) => k.id)).toEqual([key.id]);
    const accountKeys = await dataOf<Key[]>(
      await apiCall("GET", `/v1/accounts/${s.accountId}/api-keys`, s.basicAuth),
    );
    expect(accountKeys.map((k) => k.id)).not.toContain(key.id);
    expect(
      (await apiCall("GET", `/v1/accounts/${s.accountId}/api-keys/${key.id}`, s.basicAuth)).status,
    ).toBe(404);

    const rotated = await apiCall("POST", `${orgPath}/api-keys/${key.id}/rotate`, s.basicAuth);
    expect(rotated.status).toBe(200);
    expect((await apiCall("POST", `${orgPath}/api-keys/${key.id}/block`, s.basicAuth)).status).toBe(
      200,
    );
    const revoked = await apiCall("POST", `${orgPath}/api-keys/${key.id}/revoke`, s.basicAuth);
    expect((await dataOf<Key>(revoked)).status).toBe("revoked");
  });

  it("authenticates as its organization and reaches nothing outside it", async () => {
    const { s, issuerPath, orgPath, other } = await setup();
    const key = await dataOf<Key>(
      await apiCall("POST", `${orgPath}/api-keys`, s.basicAuth, {
        name: "acme-backend",
        restrictions: { scopes: ["*:**"] },
      }),
    );
    const auth = `Basic ${btoa(`${key.id}:${key.secret_plain}`)}`;
    // `/v1/me` names the organization and its issuer; the account stays the one to act on.
    expect(await dataOf(await apiCall("GET", "/v1/me", auth))).toEqual({
      type: "api_key",
      key_id: key.id,
      issuer_id: s.issuer.id,
      accounts: [{ account_id: s.accountId, org_id: key.org_id, scopes: ["*:**"] }],
      organizations: [{ org_id: key.org_id, scopes: ["*:**"] }],
    });
    expect((await apiCall("GET", `${orgPath}/members`, auth)).status).toBe(200);
    expect((await apiCall("GET", orgPath, auth)).status).toBe(200);
    const invited = await apiCall("POST", `${orgPath}/invitations`, auth, {
      email_invited: "new@example.com",
      scopes: ["member"],
    });
    expect(invited.status).toBe(202);
    // Everything else in the account is out of reach, even with every scope.
    for (const path of [
      `${issuerPath}/organizations/${other.id}/members`,
      `${issuerPath}/users`,
      `${issuerPath}`,
      `/v1/accounts/${s.accountId}/api-keys`,
      `/v1/accounts/${s.accountId}/webhooks`,
    ]) {
      expect((await apiCall("GET", path, auth)).status, path).toBe(404);
    }
    // A key cannot hand out scopes it does not hold.
    const narrow = await dataOf<Key>(
      await apiCall("POST", `${orgPath}/api-keys`, s.basicAuth, {
        name: "narrow",
        restrictions: { scopes: ["issuers.organizations.api-keys:write"] },
      }),
    );
    const narrowAuth = `Basic ${btoa(`${narrow.id}:${narrow.secret_plain}`)}`;
    const escalate = await apiCall("POST", `${orgPath}/api-keys`, narrowAuth, {
      name: "wide",
      restrictions: { scopes: ["*:**"] },
    });
    expect(escalate.status).toBe(403);
  });
});
