import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall as call, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;
type ErrorBody = { fields: { field: string; code: string }[] };

describe("require_pushed_authorization_requests (RFC 9126 §5) in the Core API", () => {
  it("a client's settings accept the boolean and read it back; absent stays absent", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/clients`;
    const created = await call("POST", base, s.basicAuth, {
      name: "par-only",
      type: "web",
      settings: {
        redirect_uris: ["https://par.example.com/cb"],
        require_pushed_authorization_requests: true,
      },
    });
    expect(created.status).toBe(201);
    const client = await dataOf<{ id: string; settings: Record<string, unknown> }>(created);
    expect(client.settings.require_pushed_authorization_requests).toBe(true);
    const plain = await dataOf<{ settings: Record<string, unknown> }>(
      await call("GET", `${base}/${s.web.client.id}`, s.basicAuth),
    );
    expect(plain.settings).not.toHaveProperty("require_pushed_authorization_requests");
  });

  it("a client's settings refuse a non-boolean value and a misspelt key, naming them", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/clients`;
    const cases: [Record<string, unknown>, string][] = [
      [{ require_pushed_authorization_requests: "yes" }, "require_pushed_authorization_requests"],
      [{ require_pushed_authorization_request: true }, "require_pushed_authorization_request"],
    ];
    for (const [settings, field] of cases) {
      const refused = await call("POST", base, s.basicAuth, { name: "x", type: "web", settings });
      expect(refused.status, JSON.stringify(settings)).toBe(422);
      const body = (await refused.json()) as ErrorBody;
      expect(body.fields.map((f) => f.field).join(" ")).toContain(field);
    }
  });

  it("an issuer's settings.access takes it by PATCH and refuses anything but a boolean", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const patched = await call("PATCH", path, s.basicAuth, {
      settings: { access: { require_pushed_authorization_requests: true } },
    });
    expect(patched.status).toBe(200);
    const issuer = await dataOf<{ settings: { access: Record<string, unknown> } }>(patched);
    expect(issuer.settings.access.require_pushed_authorization_requests).toBe(true);
    const refused = await call("PATCH", path, s.basicAuth, {
      settings: { access: { require_pushed_authorization_requests: 1 } },
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).fields[0]?.field).toBe(
      "settings.access.require_pushed_authorization_requests",
    );
    const cleared = await call("PATCH", path, s.basicAuth, {
      settings: { access: { require_pushed_authorization_requests: null } },
    });
    const after = await dataOf<{ settings: { access: Record<string, unknown> } }>(cleared);
    expect(after.settings.access).not.toHaveProperty("require_pushed_authorization_requests");
  });
});
