import * as client from "openid-client";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { launchChromium } from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

describe("device verification pages in a real browser (Chromium, RFC 8628)", () => {
  let system: SystemEndpoints;
  let browser: Browser;
  let config: client.Configuration;

  beforeAll(async () => {
    system = sharedSystem();
    const created = await coreApi<{ id: string }>(
      system,
      "POST",
      `/issuers/${system.seed.issuer_id}/clients`,
      {
        name: "Browser TV app",
        type: "native",
        settings: { grant_types: [DEVICE_GRANT, "refresh_token"] },
      },
    );
    config = await client.discovery(
      new URL(`${system.idpUrl}/${system.seed.issuer_id}`),
      created.id,
      undefined,
      client.None(),
      { execute: [client.allowInsecureRequests] },
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("code prefilled, sign-in, Allow on the confirmation, and the device gets tokens", async () => {
    const started = await client.initiateDeviceAuthorization(config, { scope: "openid email" });
    // The device polls from the start, as openid-client does: pending until the user allows.
    const polled = client.pollDeviceAuthorizationGrant(config, started);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(started.verification_uri_complete as string);
    expect(await page.inputValue("#user_code")).toBe(started.user_code);
    expect(await checkPage(page, "device-code")).toEqual(CLEAN);
    await page.getByRole("button", { name: "Continue" }).click();

    await page.fill("#username", system.seed.user.username);
    await page.fill("#password", system.seed.user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe("Allow Browser TV app on your device?");
    expect(await page.locator("main li").allTextContents()).toEqual([
      "Know who you are when you sign in",
      "See your email address",
    ]);
    expect(await checkPage(page, "device-confirm")).toEqual(CLEAN);
    await page.getByRole("button", { name: "Allow" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Device connected");
    expect(await checkPage(page, "device-done")).toEqual(CLEAN);

    const tokens = await polled;
    expect(tokens.claims()?.sub).toBe(system.seed.user.id);
    expect(tokens.refresh_token).toBeTruthy();
    await context.close();
  });

  it("a wrong code is refused on the page, with an accessible error", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${system.idpUrl}/${system.seed.issuer_id}/device`);
    await page.fill("#user_code", "BCDF-GHJK");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not valid");
    expect(await checkPage(page, "device-code-error")).toEqual(CLEAN);
    await context.close();
  });
});
