import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { issuerUrl, loginWithCode } from "./support/login-flow.ts";
import { discover } from "./support/oidc.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("OpenID Connect flows through openid-client", () => {
  it("confidential client: code + PKCE, ID token, userinfo, refresh rotation", async () => {
    const seeded = await seedIssuer(DB);
    const { config, tokens } = await loginWithCode(seeded);
    const claims = tokens.claims();
    expect(claims?.sub).toBe(seeded.user.id);
    expect(claims?.email).toBe("alice@example.com");
    expect(claims?.sid).toMatch(/^s_/);
    expect(tokens.refresh_token).toBeTruthy();

    const info = await client.fetchUserInfo(config, tokens.access_token, seeded.user.id);
    expect(info).toMatchObject({
      sub: seeded.user.id,
      email: "alice@example.com",
      organizations: [],
    });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()?.sub).toBe(seeded.user.id);
    await expect(
      client.refreshTokenGrant(config, tokens.refresh_token as string),
    ).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("public client: PKCE without a secret", async () => {
    const seeded = await seedIssuer(DB);
    const { tokens } = await loginWithCode(seeded, { kind: "spa", scope: "openid" });
    expect(tokens.claims()?.aud).toBe(seeded.spa.client.id);
  });

  it("introspection and revocation", async () => {
    const seeded = await seedIssuer(DB);
    const { config, tokens } = await loginWithCode(seeded);
    const active = await client.tokenIntrospection(config, tokens.access_token);
    expect(active).toMatchObject({
      active: true,
      sub: seeded.user.id,
      client_id: seeded.web.client.id,
      token_type: "access_token",
    });
    const rt = await client.tokenIntrospection(config, tokens.refresh_token as string);
    expect(rt).toMatchObject({ active: true, token_type: "refresh_token" });

    await client.tokenRevocation(config, tokens.refresh_token as string);
    expect((await client.tokenIntrospection(config, tokens.refresh_token as string)).active).toBe(
      false,
    );
    // The family is one rp session: its access tokens end with it.
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await client.tokenRevocation(config, "not-a-token");
  });

  it("a second login through the same browser skips the form (SSO)", async () => {
    const seeded = await seedIssuer(DB);
    const first = await loginWithCode(seeded);
    const second = await loginWithCode(seeded, { browser: first.browser, kind: "spa" });
    expect(second.tokens.claims()?.sub).toBe(seeded.user.id);
    expect(second.tokens.claims()?.auth_time).toBe(first.tokens.claims()?.auth_time);
  });

  it("logout ends the SSO session and its tokens, then redirects with state", async () => {
    const seeded = await seedIssuer(DB);
    const { config, tokens, browser } = await loginWithCode(seeded);
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token as string,
      state: "bye",
    });
    const page = await browser.fetch(url.href);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("signed out");
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(
      client.refreshTokenGrant(config, tokens.refresh_token as string),
    ).rejects.toMatchObject({
      error: "invalid_grant",
    });
    const again = await browser.fetch(
      client.buildAuthorizationUrl(config, {
        redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
        scope: "openid",
        prompt: "none",
        state: "s",
      }).href,
    );
    expect(new URL(again.headers.get("location") as string).searchParams.get("error")).toBe(
      "login_required",
    );
  });

  it("client_credentials gives an access token only", async () => {
    const seeded = await seedIssuer(DB);
    const { createClient, CreateClientInput } = await import("@authpi/domain/clients");
    const m2m = await createClient(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateClientInput.parse({
        name: "m2m",
        type: "m2m",
        settings: { scopes: ["tickets:read", "tickets:write"] },
      }),
    );
    const config = await discover(issuerUrl(seeded), m2m.client.id, m2m.secret);
    const tokens = await client.clientCredentialsGrant(config, { scope: "tickets:read" });
    expect(tokens.scope).toBe("tickets:read");
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.id_token).toBeUndefined();
    const introspected = await client.tokenIntrospection(config, tokens.access_token);
    expect(introspected).toMatchObject({ active: true, sub: m2m.client.id });
    expect(introspected.sid).toBeUndefined();
  });
});
