import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import {
  launchChromium,
  openSignIn,
  type WebClient,
  webClientWithCallback,
} from "./support/hosted-browser.ts";
import { waitForMail } from "./support/mailbox.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser MFA tests skipped: ${noBrowser}`);

function code(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: at,
  });
}

describe.skipIf(Boolean(noBrowser))("multi-factor sign-in in a real browser (Chromium)", () => {
  let system: SeededSystem;
  let browser: Browser;
  let closeCallback: (() => void) | undefined;
  let web: WebClient;

  const api = <T>(method: string, path: string, body?: unknown) =>
    coreApi<T>(system, method, `/issuers/${system.seed.issuer_id}${path}`, body);

  async function enrollViaApi(userId: string) {
    const started = await api<{ enrollment_id: string; secret: string }>(
      "POST",
      `/users/${userId}/verifiers`,
      { type: "totp_app" },
    );
    const done = await api<{ success: boolean; backup_codes: string[] }>(
      "POST",
      `/users/${userId}/verifiers/complete-enrollment`,
      { enrollment_id: started.enrollment_id, code: code(started.secret, Date.now() - 30_000) },
    );
    expect(done.success).toBe(true);
    return { secret: started.secret, backupCodes: done.backup_codes };
  }

  async function start(page: Page, username: string, password: string) {
    const finish = await openSignIn(page, system, web, {
      state: "mfa-state",
      nonce: "mfa-nonce",
      extra: { acr_values: "mfa" },
    });
    expect(await page.locator("#username").getAttribute("autocomplete")).toBe("username webauthn");
    expect(await page.locator("#password").getAttribute("autocomplete")).toBe("current-password");
    await page.fill("#username", username);
    await page.fill("#password", password);
    await page.getByRole("button", { name: "Sign in" }).click();
    return { finish };
  }

  beforeAll(async () => {
    // This file's own system: the last test may switch the demo's second factors off.
    system = await startSeededSystem({}, { keepMail: true });
    const registered = await webClientWithCallback(system, "browser mfa test");
    web = registered.web;
    closeCallback = registered.close;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    closeCallback?.();
    await system?.stop();
  });

  it("password then TOTP, then a backup code instead; amr and acr checked with openid-client", async () => {
    const { secret, backupCodes } = await enrollViaApi(system.seed.user.id);
    const { username, password } = system.seed.user;

    const context = await browser.newContext();
    const page = await context.newPage();
    const flow = await start(page, username, password);
    const codeInput = page.locator("#code");
    await expect.poll(() => codeInput.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await codeInput.getAttribute("inputmode")).toBe("numeric");
    expect(await checkPage(page, "sign-in-totp")).toEqual(CLEAN);
    await page.getByLabel("Authentication code").fill(code(secret));
    await Promise.all([
      page.waitForURL(`${web.redirect_uri}**`),
      page.getByRole("button", { name: "Verify" }).click(),
    ]);
    const claims = await flow.finish();
    expect(claims.amr).toEqual(["pwd", "otp", "mfa"]);
    expect(claims.acr).toBe("mfa");
    await context.close();

    // A fresh browser, at 375 px: the backup-code path, named for what it does.
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const small = await phone.newPage();
    const second = await start(small, username, password);
    await small.getByLabel("Backup code").fill(backupCodes[0] as string);
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    expect(await checkPage(small, "sign-in-backup-code")).toEqual(CLEAN);
    await Promise.all([
      small.waitForURL(`${web.redirect_uri}**`),
      small.getByRole("button", { name: /backup code/i }).click(),
    ]);
    expect((await second.finish()).amr).toEqual(["pwd", "otp", "mfa"]);
    await phone.close();
  });

  it("a member of an enforce_2fa organization enrolls at sign-in: QR and secret, confirm, 10 backup codes once", async () => {
    const password = "a long password for bob";
    const user = await api<{ id: string }>("POST", "/users", {
      username_type: "email",
      username: "bob@example.com",
      // The demo issuer verifies email addresses at sign-in; bob's is known to be his.
      profile: { email: "bob@example.com", email_verified: true },
      password,
    });
    const org = await api<{ id: string }>("POST", "/organizations", {
      name: "Strict Co",
      security: { enforce_2fa: true },
    });
    await api("POST", `/organizations/${org.id}/members`, { member_id: user.id });

    const context = await browser.newContext();
    const page = await context.newPage();
    const flow = await start(page, "bob@example.com", password);
    await expect.poll(() => page.locator("h1").textContent()).toContain("two-step");
    expect(await page.getByAltText("QR code for your authenticator app").isVisible()).toBe(true);
    const secret = ((await page.locator("#secret").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await checkPage(page, "enroll-totp")).toEqual(CLEAN);
    await page.getByLabel("Authentication code").fill(code(secret));
    await page.getByRole("button", { name: "Confirm and continue" }).click();
    const codes = page.getByRole("list", { name: "Your backup codes" }).getByRole("listitem");
    await expect.poll(() => codes.count()).toBe(10);
    expect(await checkPage(page, "enroll-backup-codes")).toEqual(CLEAN);
    await Promise.all([
      page.waitForURL(`${web.redirect_uri}**`),
      page.getByRole("button", { name: /continue/ }).click(),
    ]);
    expect((await flow.finish()).amr).toEqual(["pwd", "otp", "mfa"]);
    // The codes were shown once: the page is never cached (no-store), so going back cannot show them.
    const back = await page.goBack().catch((error: Error) => error);
    expect(back instanceof Error ? back.message : "").toContain("ERR_CACHE_MISS");
    expect(await page.getByRole("list", { name: "Your backup codes" }).count()).toBe(0);
    await context.close();
  });

  it("an invitee of an enforce_2fa organization who cannot add a second factor sees the cannot-comply page", async () => {
    // Last in this file: it switches the demo issuer's authenticator app and passkeys off.
    const methods = await api<{ id: string; method: string }[]>("GET", "/auth-methods");
    for (const kind of ["totp_app", "webauthn"]) {
      const method = methods.find((m) => m.method === kind);
      await api("PATCH", `/auth-methods/${method?.id}`, { enabled: false });
    }
    const org = await api<{ id: string }>("POST", "/organizations", {
      name: "Locked Co",
      security: { enforce_2fa: true },
    });
    await api("POST", `/organizations/${org.id}/invitations`, {
      email_invited: "frank@example.com",
      scopes: ["projects:read"],
    });
    const mail = await waitForMail(system.mailDir as string, "frank@example.com");
    const link = mail.links.find((l) => l.includes("/invitations/accept")) as string;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Join Locked Co");
    await page.fill("#password", "a long password for frank");
    await page.click("button[type=submit]");
    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe("Two-step verification required");
    expect(await checkPage(page, "cannot-comply")).toEqual(CLEAN);
    await context.close();
  });
});
