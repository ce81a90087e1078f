import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("a client's front-channel logout settings (OIDC Front-Channel Logout 1.0 §2)", () => {
  it("keeps an https URI and the session flag, and refuses plain http, fragments and relative URIs", async () => {
    const seeded = await seedIssuer(DB);
    const path = `/v1/accounts/${seeded.accountId}/issuers/${seeded.issuer.id}/clients/${seeded.web.client.id}`;
    const kept = await apiCall("PATCH", path, seeded.basicAuth, {
      settings: {
        frontchannel_logout_uri: "https://app.example.com/fc",
        frontchannel_logout_session_required: true,
      },
    });
    expect(kept.status).toBe(200);
    expect((await dataOf<{ settings: Record<string, unknown> }>(kept)).settings).toMatchObject({
      frontchannel_logout_uri: "https://app.example.com/fc",
      frontchannel_logout_session_required: true,
    });
    for (const uri of ["http://rp.example/fc", "https://rp.example/fc#x", "/fc"]) {
      const response = await apiCall("PATCH", path, seeded.basicAuth, {
        settings: { frontchannel_logout_uri: uri },
      });
      expect(response.status, uri).toBe(422);
      expect(JSON.stringify(await response.json())).toContain("settings.frontchannel_logout_uri");
    }
  });

  it("holds the back-channel logout URI to the same rules (Back-Channel Logout 1.0 §2.2)", async () => {
    const seeded = await seedIssuer(DB);
    const path = `/v1/accounts/${seeded.accountId}/issuers/${seeded.issuer.id}/clients/${seeded.web.client.id}`;
    const kept = await apiCall("PATCH", path, seeded.basicAuth, {
      settings: { backchannel_logout_uri: "https://app.example.com/bc" },
    });
    expect(kept.status).toBe(200);
    for (const uri of ["http://rp.example/bc", "https://rp.example/bc#x"]) {
      const response = await apiCall("PATCH", path, seeded.basicAuth, {
        settings: { backchannel_logout_uri: uri },
      });
      expect(response.status, uri).toBe(422);
      expect(JSON.stringify(await response.json())).toContain("settings.backchannel_logout_uri");
    }
  });
});
