import { env } from "cloudflare:workers";
import { clients } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { issuerUrl, loginWithCode, type Seeded } from "./support/login-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

/** Registers front-channel logout on a seeded client, as a PATCH of its settings would. */
async function frontChannel(
  seeded: Seeded,
  registered: Seeded["web"] | Seeded["spa"],
  extra: Record<string, unknown>,
) {
  await seeded.db
    .update(clients)
    .set({ settings: { ...registered.client.settings, ...extra } })
    .where(eq(clients.id, registered.client.id));
}

function frames(page: string): string[] {
  return [...page.matchAll(/<iframe class="logout-frame" src="([^"]+)"/g)].map((m) =>
    (m[1] as string).replaceAll("&amp;", "&"),
  );
}

describe("OIDC Front-Channel Logout 1.0", () => {
  it("loads each signed-in RP's logout URI in an iframe, with iss and sid when asked, then goes on", async () => {
    const seeded = await seedIssuer(DB);
    await frontChannel(seeded, seeded.web, {
      frontchannel_logout_uri: "https://app.example.com/fc?tenant=1",
      frontchannel_logout_session_required: true,
      post_logout_redirect_uris: ["https://app.example.com/bye"],
    });
    await frontChannel(seeded, seeded.spa, { frontchannel_logout_uri: "http://localhost:5173/fc" });
    const web = await loginWithCode(seeded);
    // The same browser signs in to the SPA without a password: one op session, two RPs.
    const spa = await loginWithCode(seeded, { kind: "spa", browser: web.browser });
    const webSid = web.tokens.claims()?.sid as string;
    expect(spa.tokens.claims()?.sid).not.toBe(webSid);

    const url = client.buildEndSessionUrl(web.config, {
      id_token_hint: web.tokens.id_token as string,
      post_logout_redirect_uri: "https://app.example.com/bye",
      state: "s1",
    });
    const response = await web.browser.fetch(url.href);
    expect(response.status).toBe(200);
    const page = await response.text();
    const loaded = frames(page);
    const withSession = new URL(
      loaded.find((u) => u.startsWith("https://app.example.com/")) as string,
    );
    expect(withSession.searchParams.get("tenant")).toBe("1");
    expect(withSession.searchParams.get("iss")).toBe(issuerUrl(seeded));
    expect(withSession.searchParams.get("sid")).toBe(webSid);
    expect(loaded).toContain("http://localhost:5173/fc");
    expect(loaded).toHaveLength(2);
    expect(page).toContain('href="https://app.example.com/bye?state=s1"');
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-src https:\/\/app\.example\.com http:\/\/localhost:5173/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("keeps the plain redirect when no ended session's client registered a logout URI", async () => {
    const seeded = await seedIssuer(DB);
    await frontChannel(seeded, seeded.web, {
      post_logout_redirect_uris: ["https://app.example.com/bye"],
    });
    const web = await loginWithCode(seeded);
    const url = client.buildEndSessionUrl(web.config, {
      id_token_hint: web.tokens.id_token as string,
      post_logout_redirect_uri: "https://app.example.com/bye",
    });
    const response = await web.browser.fetch(url.href);
    expect(response.status).toBe(302);
    expect(response.headers.get("content-security-policy") ?? "").not.toContain("frame-src");
  });
});
