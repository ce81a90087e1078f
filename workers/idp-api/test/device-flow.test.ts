import { env } from "cloudflare:test";
import { DEVICE_CODE_GRANT_TYPE } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import * as oauth from "oauth4webapi";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { withThirdParty } from "./support/consent-flow.ts";
import { approveInBrowser, deviceClient, poll, startOnDevice } from "./support/device-flow.ts";
import { issuerUrl } from "./support/login-flow.ts";
import { discoverAs, insecure } from "./support/par-flow.ts";

const bindings = env as unknown as Env;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Moves the clock on by `ms` (the device waits its interval between polls). */
function later(ms: number) {
  const real = Date.now.bind(Date);
  vi.spyOn(Date, "now").mockImplementation(() => real() + ms);
}

describe("device authorization grant (RFC 8628)", () => {
  it("discovery names the endpoint and the grant type", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const as = await discoverAs(seeded);
    expect(as.device_authorization_endpoint).toBe(`${issuerUrl(seeded)}/device_authorization`);
    expect(as.grant_types_supported).toContain(DEVICE_CODE_GRANT_TYPE);
  });

  it("answers codes in RFC 8628 §3.2's shape", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const { started } = await startOnDevice(seeded, await deviceClient(seeded));
    expect(started.device_code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(started.verification_uri).toBe(`${issuerUrl(seeded)}/device`);
    expect(started.verification_uri_complete).toBe(
      `${issuerUrl(seeded)}/device?user_code=${started.user_code}`,
    );
    expect(started.expires_in).toBe(600);
    expect(started.interval).toBe(5);
  });

  it("a TV signs in: pending, the user approves in a browser, then tokens with a refresh token", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const { as, started } = await startOnDevice(seeded, device, "openid email offline_access");
    const pending = await poll(as, device, started.device_code);
    await expect(
      oauth.processDeviceCodeResponse(as, device.oauthClient, pending),
    ).rejects.toMatchObject({ error: "authorization_pending" });

    const browser = new TestBrowser();
    const prefilled = await browser.fetch(
      new URL(started.verification_uri_complete ?? "").pathname +
        new URL(started.verification_uri_complete ?? "").search,
    );
    expect(await prefilled.text()).toContain(`value="${started.user_code}"`);
    const { done, confirmPage } = await approveInBrowser(
      seeded,
      started.user_code,
      "allow",
      browser,
    );
    expect(confirmPage).toContain("Allow Living room TV on your device?");
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Device connected");

    later(5_000);
    const tokens = await oauth.processDeviceCodeResponse(
      as,
      device.oauthClient,
      await poll(as, device, started.device_code),
    );
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.scope).toBe("openid email offline_access");
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    expect(claims?.sub).toBe(seeded.user.id);

    const info = await oauth.userInfoRequest(as, device.oauthClient, tokens.access_token, insecure);
    expect(info.status).toBe(200);
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      device.oauthClient,
      await oauth.refreshTokenGrantRequest(
        as,
        device.oauthClient,
        device.auth,
        tokens.refresh_token as string,
        insecure,
      ),
    );
    expect(refreshed.access_token).toBeTruthy();
  });

  it("a browser already signed in goes straight to the confirmation", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const device = await deviceClient(seeded);
    const first = await startOnDevice(seeded, device);
    const { browser } = await approveInBrowser(seeded, first.started.user_code);
    const second = await startOnDevice(seeded, device);
    const { confirmPage, done } = await approveInBrowser(
      seeded,
      second.started.user_code.toLowerCase().replace("-", " "),
      "allow",
      browser,
    );
    expect(confirmPage).not.toContain('name="password"');
    expect(done.status).toBe(200);
  });

  it("a confidential client authenticates, and a third party's approval records its consent", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const device = await deviceClient(seeded, { type: "web", firstParty: false });
    const { as, started } = await startOnDevice(seeded, device, "openid email");
    const { confirmPage } = await approveInBrowser(seeded, started.user_code);
    expect(confirmPage).toContain("See your email address");
    const tokens = await oauth.processDeviceCodeResponse(
      as,
      device.oauthClient,
      await poll(as, device, started.device_code),
    );
    expect(tokens.refresh_token).toBeTruthy();
    const consent = await bindings.DB.prepare(
      "SELECT scopes FROM consents WHERE client_id = ? AND user_id = ?",
    )
      .bind(device.client.id, seeded.user.id)
      .first<{ scopes: string }>();
    expect(consent?.scopes).toContain("email");
  });

  it("speaks the user's language on the verification page", async () => {
    const seeded = await seedIssuer(bindings.DB);
    for (const [locale, title] of [
      ["de", "Gerät verbinden"],
      ["fr", "Connecter un appareil"],
    ]) {
      const page = await new TestBrowser().fetch(
        `/${seeded.issuer.id}/device?ui_locales=${locale}`,
      );
      const text = await page.text();
      expect(text).toContain(`lang="${locale}"`);
      expect(text).toContain(title);
    }
  });
});
