import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;
type ErrorBody = { error: string; error_description: string; fields: { field: string }[] };

const nested = (levels: number): unknown => (levels === 0 ? "leaf" : { a: nested(levels - 1) });
const keys = (n: number, value = "v") =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));

describe("free-form map limits (metadata, custom_fields, ...)", () => {
  it("refuses each limit with a 422 that says which", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers`;
    const cases: [unknown, string, string][] = [
      [keys(51), "metadata", "at most 50 keys"],
      [{ ["k".repeat(41)]: 1 }, "metadata", "keys are at most 40 characters"],
      [{ note: "x".repeat(501) }, "metadata.note", "strings are at most 500 characters"],
      [nested(6), "metadata.a.a.a.a.a", "nests at most 5 levels deep"],
      [keys(40, "x".repeat(450)), "metadata", "at most 16384 bytes as JSON"],
    ];
    for (const [metadata, field, message] of cases) {
      const r = await apiCall("POST", path, s.basicAuth, { name: "limits", metadata });
      expect(r.status, message).toBe(422);
      const body = (await r.json()) as ErrorBody;
      expect(body.fields, message).toEqual([expect.objectContaining({ field, message })]);
      expect(body.error_description).toContain(message);
    }
    const ok = await apiCall("POST", path, s.basicAuth, {
      name: "limits",
      metadata: { ...keys(48), deep: nested(3), note: "x".repeat(500) },
    });
    expect(ok.status).toBe(201);
  });

  it("metadata nested 5,000 levels deep is refused, so lists stay readable by any JSON parser", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers`;
    const r = await apiCall("POST", path, s.basicAuth, { name: "deep", metadata: nested(5000) });
    expect(r.status).toBe(422);
    const listed = await apiCall("GET", path, s.basicAuth);
    const text = await listed.text();
    expect(text).not.toContain('"deep"');
  });

  it("applies to custom_fields, custom_claims (longer, namespaced keys) and settings maps too", async () => {
    const s = await seedIssuer(DB);
    const users = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users`;
    const fields = await apiCall("POST", users, s.basicAuth, {
      username: "f@example.com",
      custom_fields: keys(51),
    });
    expect(fields.status).toBe(422);
    const claims = await apiCall("POST", users, s.basicAuth, {
      username: "f@example.com",
      custom_claims: { "https://example.com/claims/roles": ["admin"] },
    });
    expect(claims.status).toBe(201);
    const issuer = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const branding = await apiCall("PATCH", issuer, s.basicAuth, {
      settings: { branding: nested(6) },
    });
    expect(branding.status).toBe(422);
  });
});
