import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("settings.access.client_id_metadata_documents (docs/client-id-metadata.md)", () => {
  it("is absent by default, turns on with allowed hosts, and is removed with null", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    type Issuer = { settings: { access: Record<string, unknown> } };
    const before = await dataOf<Issuer>(await apiCall("GET", path, s.basicAuth));
    expect(before.settings.access).not.toHaveProperty("client_id_metadata_documents");

    const setting = { enabled: true, allowed_hosts: ["mcp.example.com", "*.example.net"] };
    const on = await apiCall("PATCH", path, s.basicAuth, {
      settings: { access: { client_id_metadata_documents: setting } },
    });
    expect(on.status).toBe(200);
    expect((await dataOf<Issuer>(on)).settings.access.client_id_metadata_documents).toEqual(
      setting,
    );

    const off = await apiCall("PATCH", path, s.basicAuth, {
      settings: { access: { client_id_metadata_documents: null } },
    });
    expect((await dataOf<Issuer>(off)).settings.access).not.toHaveProperty(
      "client_id_metadata_documents",
    );
  });

  it.each([
    [{ enabled: "yes" }, "client_id_metadata_documents.enabled"],
    [{ enabled: true, allowed_hosts: ["https://mcp.example.com"] }, "allowed_hosts"],
    [{ enabled: true, allowed_hosts: ["MCP.example.com"] }, "allowed_hosts"],
    [{ enabled: true, fetch_timeout: 10 }, "fetch_timeout"],
  ])("refuses %j, naming the field", async (value, field) => {
    const s = await seedIssuer(DB);
    const response = await apiCall(
      "PATCH",
      `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`,
      s.basicAuth,
      {
        settings: { access: { client_id_metadata_documents: value } },
      },
    );
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain(field);
  });
});
