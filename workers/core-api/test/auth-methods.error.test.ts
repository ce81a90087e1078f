import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("issuer auth methods: refused input", () => {
  it("answers 422 'not available yet' when enabling temporary-password", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods`;
    for (const [method, settings] of [["temporary-password", {}]] as const) {
      const response = await apiCall("POST", base, s.basicAuth, {
        name: method,
        method,
        enabled: true,
        settings,
      });
      expect(response.status, method).toBe(422);
      expect(await response.json()).toMatchObject({
        error_description: expect.stringContaining("not available yet"),
        fields: [{ field: "enabled", code: "not_available" }],
      });
    }
    const stored = await dataOf<{ id: string }>(
      await apiCall("POST", base, s.basicAuth, {
        name: "temporary",
        method: "temporary-password",
        enabled: false,
      }),
    );
    const enable = await apiCall("PATCH", `${base}/${stored.id}`, s.basicAuth, { enabled: true });
    expect(enable.status).toBe(422);
  });

  it("names bad settings, unknown fields and a second password method", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods`;
    const cases: [unknown, string][] = [
      [
        { name: "p", method: "password", enabled: false, settings: { min_length: 4 } },
        "settings.min_length",
      ],
      [{ name: "p", method: "password", enabled: false, settings: { colour: "red" } }, "settings"],
      [
        { name: "w", method: "webauthn", enabled: false, settings: { attestation: "all" } },
        "settings.attestation",
      ],
      [
        {
          name: "o",
          method: "oauth2",
          enabled: false,
          settings: { provider: "x", client_id: "y", token_endpoint: "http://plain.example" },
        },
        "settings.token_endpoint",
      ],
      [
        {
          name: "o",
          method: "oauth2",
          enabled: true,
          settings: { provider: "acme", client_id: "y" },
        },
        "settings.issuer",
      ],
      [
        {
          name: "o",
          method: "oauth2",
          enabled: true,
          settings: { provider: "acme", client_id: "y", issuer: "http://10.0.0.1/op" },
        },
        "settings.issuer",
      ],
      [
        {
          name: "o",
          method: "oauth2",
          enabled: true,
          settings: { provider: "google", client_id: "y", mfa_amr_values: "mfa" },
        },
        "settings.mfa_amr_values",
      ],
      [
        {
          name: "o",
          method: "oauth2",
          enabled: true,
          settings: { provider: "microsoft", client_id: "y", allowed_tenants: ["contoso"] },
        },
        "settings.allowed_tenants.0",
      ],
      [
        {
          name: "o",
          method: "oauth2",
          enabled: true,
          settings: {
            provider: "microsoft",
            tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47",
            client_id: "y",
            allowed_tenants: ["72f988bf-86f1-41af-91ab-2d7cd011db47"],
          },
        },
        "settings.allowed_tenants",
      ],
      [{ name: "s", method: "sms", enabled: false }, "method"],
      [{ name: "p", method: "password", enabled: false, featured: true }, "featured"],
      [{ method: "password", enabled: false }, "name"],
    ];
    for (const [body, field] of cases) {
      const response = await apiCall("POST", base, s.basicAuth, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(await response.json()).toMatchObject({
        error_description: expect.stringContaining(field),
      });
    }
    const second = await apiCall("POST", base, s.basicAuth, {
      name: "again",
      method: "password",
      enabled: true,
    });
    expect(second.status).toBe(409);
    const [first] = await dataOf<{ id: string }[]>(await apiCall("GET", base, s.basicAuth));
    const changeKind = await apiCall("PATCH", `${base}/${first?.id}`, s.basicAuth, {
      method: "webauthn",
    });
    expect(changeKind.status).toBe(422);
  });

  it("refuses a webauthn rp_id or origin that does not fit the IdP's host, naming the field", async () => {
    // The Core API's IDP_BASE_URL (wrangler.toml) is http://localhost:8787.
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods`;
    const created = await apiCall("POST", base, s.basicAuth, {
      name: "keys",
      method: "webauthn",
      enabled: false,
      settings: { rp_id: "evil.example" },
    });
    expect(created.status).toBe(422);
    expect(await created.json()).toMatchObject({ fields: [{ field: "settings.rp_id" }] });
    const methods = await dataOf<{ id: string; method: string }[]>(
      await apiCall("GET", base, s.basicAuth),
    );
    const webauthn = methods.find((m) => m.method === "webauthn");
    const patch = (settings: unknown) =>
      apiCall("PATCH", `${base}/${webauthn?.id}`, s.basicAuth, { settings });
    for (const [settings, field] of [
      [{ rp_id: "evil.example" }, "settings.rp_id"],
      [{ rp_id: "host" }, "settings.rp_id"],
      [{ origins: ["https://login.example.com"] }, "settings.origins.0"],
      [{ origins: ["http://localhost:9000"] }, "settings.origins.0"],
    ] as const) {
      const response = await patch(settings);
      expect(response.status, JSON.stringify(settings)).toBe(422);
      expect(await response.json()).toMatchObject({ fields: [{ field }] });
    }
    const fine = await patch({ rp_id: "localhost", user_verification: "required" });
    expect(fine.status).toBe(200);
    expect(await dataOf(fine)).toMatchObject({
      settings: { rp_id: "localhost", user_verification: "required", origins: [] },
    });
  });
});
