import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("issuer branding: what a page would show is never script or markup", () => {
  it("refuses a logo URL that is not http(s) and a footer link that is not a URL", async () => {
    const account = await seedAccount(DB);
    const create = (body: unknown) =>
      apiCall("POST", `/v1/accounts/${account.accountId}/issuers`, account.basicAuth, {
        name: "hostile",
        ...(body as object),
      });
    for (const logo_url of [
      "javascript:alert(1)",
      "data:image/svg+xml,<svg onload=alert(1)>",
      "//evil.example/x.png",
    ]) {
      const response = await create({ settings: { branding: { logo_url } } });
      expect(response.status, logo_url).toBe(422);
    }
    const link = await create({ links: { privacy_policy: "not a url" } });
    expect(link.status).toBe(422);
  });

  it("refuses a primary colour that would break out of the style sheet", async () => {
    const account = await seedAccount(DB);
    const response = await apiCall(
      "POST",
      `/v1/accounts/${account.accountId}/issuers`,
      account.basicAuth,
      {
        name: "hostile-colour",
        settings: { branding: { primary_color: "#000; } body { display: none" } },
      },
    );
    expect(response.status).toBe(422);
  });
});
