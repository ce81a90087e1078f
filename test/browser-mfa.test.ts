import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import * as client from "openid-client";
import { Secret, TOTP } from "otpauth";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;
const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser MFA tests skipped: ${noBrowser}`);

function code(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: at,
  });
}

/** axe-core (WCAG 2.2 AA rules) on the page as shown; returns the rule ids that failed. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run({
      runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    })) as { violations: { id: string }[] };
    return result.violations.map((v) => v.id);
  });
}

describe.skipIf(Boolean(noBrowser))("multi-factor sign-in in a real browser (Chromium)", () => {
  let system: SeededSystem;
  let browser: Browser;
  let callbackServer: Server;
  let web: { client_id: string; client_secret: string; redirect_uri: string };
  let base: string;

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: system.basicAuth, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (JSON.parse(text) as { data: T }).data;
  }

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
    const issuer = `${system.idpUrl}/${system.seed.issuer_id}`;
    const config = await client.discovery(
      new URL(issuer),
      web.client_id,
      web.client_secret,
      undefined,
      { execute: [client.allowInsecureRequests] },
    );
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: web.redirect_uri,
      scope: "openid email",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "mfa-state",
      nonce: "mfa-nonce",
      acr_values: "mfa",
    });
    await page.goto(url.href);
    expect(await page.locator("#username").getAttribute("autocomplete")).toBe("username webauthn");
    expect(await page.locator("#password").getAttribute("autocomplete")).toBe("current-password");
    await page.fill("#username", username);
    await page.fill("#password", password);
    await page.getByRole("button", { name: "Sign in" }).click();
    return {
      finish: async () => {
        const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
          pkceCodeVerifier: verifier,
          expectedState: "mfa-state",
          expectedNonce: "mfa-nonce",
        });
        return tokens.claims() as client.IDToken;
      },
    };
  }

  beforeAll(async () => {
    system = await startSeededSystem();
    base = `${system.coreUrl}/v1/accounts/${system.seed.account_id}/issuers/${system.seed.issuer_id}`;
    callbackServer = createServer((_req, res) => res.end("callback reached"));
    await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
    const redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
    const created = await api<{ id: string; secret: string }>("POST", "/clients", {
      name: "browser mfa test",
      type: "web",
      settings: { redirect_uris: [redirectUri] },
    });
    web = { client_id: created.id, client_secret: created.secret, redirect_uri: redirectUri };
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    callbackServer?.close();
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
    expect(await axeViolations(page)).toEqual([]);
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
    expect(await axeViolations(small)).toEqual([]);
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
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Authentication code").fill(code(secret));
    await page.getByRole("button", { name: "Confirm and continue" }).click();
    const codes = page.getByRole("list", { name: "Your backup codes" }).getByRole("listitem");
    await expect.poll(() => codes.count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
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
});
