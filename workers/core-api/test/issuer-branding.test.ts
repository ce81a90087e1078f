import { env } from "cloudflare:workers";
import { seedAccount, seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf, workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;
type Envelope = { error: string; error_description: string };
/** A JSON Schema of the document, as far as these checks read it. */
type Schema = { properties: Record<string, Schema>; description?: string; pattern?: string };

const BRANDING = {
  display_name: "Violet Books",
  logo_url: "https://cdn.violet.example/logo.png",
  primary_color: "#7B2CBF",
};

describe("issuer branding settings (docs/decisions/branding.md)", () => {
  it("keeps display_name, logo_url, primary_color (either hex case) and the links as given", async () => {
    const account = await seedAccount(DB);
    const links = {
      privacy_policy: "https://violet.example/privacy",
      support: "https://violet.example/help",
    };
    const created = await apiCall(
      "POST",
      `/v1/accounts/${account.accountId}/issuers`,
      account.basicAuth,
      {
        name: "branded",
        links,
        settings: { branding: { ...BRANDING, footer_note: "kept as given" } },
      },
    );
    expect(created.status).toBe(201);
    const issuer = await dataOf<{ links: unknown; settings: { branding: unknown } }>(created);
    expect(issuer.settings.branding).toEqual({ ...BRANDING, footer_note: "kept as given" });
    expect(issuer.links).toMatchObject(links);
  });

  it("refuses a primary colour below 4.5:1 against white with a 422 that says contrast, on create and on PATCH", async () => {
    const account = await seedAccount(DB);
    const created = await apiCall(
      "POST",
      `/v1/accounts/${account.accountId}/issuers`,
      account.basicAuth,
      {
        name: "pale",
        settings: { branding: { primary_color: "#ffd60a" } },
      },
    );
    expect(created.status).toBe(422);
    const body = (await created.json()) as Envelope;
    expect(body.error_description).toContain("settings.branding.primary_color");
    expect(body.error_description).toMatch(
      /contrast ratio of 1\.\d\d:1 against white; at least 4\.5:1/,
    );

    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const patched = await apiCall("PATCH", path, s.basicAuth, {
      settings: { branding: { primary_color: "#8a8a8a" } },
    });
    expect(patched.status).toBe(422);
    expect(((await patched.json()) as Envelope).error_description).toMatch(/contrast/);
    // #767676 is the lightest grey that passes (4.54:1).
    const passing = await apiCall("PATCH", path, s.basicAuth, {
      settings: { branding: { primary_color: "#767676" } },
    });
    expect(passing.status).toBe(200);
  });

  it("refuses a colour that is not hex and a display name that is blank", async () => {
    const account = await seedAccount(DB);
    for (const branding of [
      { primary_color: "purple" },
      { primary_color: "#7b2cbf80" },
      { display_name: "  " },
    ]) {
      const response = await apiCall(
        "POST",
        `/v1/accounts/${account.accountId}/issuers`,
        account.basicAuth,
        {
          name: "bad-branding",
          settings: { branding },
        },
      );
      expect(response.status, JSON.stringify(branding)).toBe(422);
    }
  });

  it("is described in the OpenAPI document: the fields, the contrast rule, the links", async () => {
    const doc = (await (await workerFetch("/openapi.json")).json()) as {
      components: { schemas: Record<string, Schema> };
    };
    const create = doc.components.schemas.CreateIssuerInput?.properties;
    const branding = create?.settings?.properties.branding as Schema;
    expect(Object.keys(branding.properties)).toEqual(["display_name", "logo_url", "primary_color"]);
    const color = branding.properties.primary_color as Schema;
    expect(color.description).toContain("4.5:1");
    expect(new RegExp(color.pattern ?? "").test("#7b2cbf")).toBe(true);
    expect(create?.links?.properties.privacy_policy?.description).toContain("footer");
    const stored = doc.components.schemas.IssuerBranding?.properties;
    expect(Object.keys(stored ?? {})).toEqual(["display_name", "logo_url", "primary_color"]);
  });
});
