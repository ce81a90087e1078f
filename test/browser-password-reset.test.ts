import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import {
  launchChromium,
  openSignIn,
  type WebClient,
  webClientWithCallback,
} from "./support/hosted-browser.ts";
import { mailsTo, waitForMail } from "./support/mailbox.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser password-reset tests skipped: ${noBrowser}`);

const EMAIL = "reset-journey@example.com";
const OLD_PASSWORD = "an old and long passphrase";
const NEW_PASSWORD = "quartz lantern orbit meadow 42";

describe.skipIf(Boolean(noBrowser))("password reset in a real browser (Chromium)", () => {
  let system: SystemEndpoints;
  let browser: Browser;
  let web: WebClient;
  let closeCallback: (() => void) | undefined;
  let userId: string;

  const api = <T>(method: string, path: string, body?: unknown) =>
    coreApi<T>(system, method, `/issuers/${system.seed.issuer_id}${path}`, body);
  const sessions = (status = "") =>
    api<{ id: string; status: string; revoked_reason: string | null }[]>(
      "GET",
      `/users/${userId}/sessions${status ? `?status=${status}` : ""}`,
    );
  const activeIds = async () => (await sessions("active")).map((s) => s.id);

  async function signIn(page: Page, password: string, state: string) {
    const finish = await openSignIn(page, system, web, { state, nonce: `${state}-nonce` });
    await page.fill("#username", EMAIL);
    await page.fill("#password", password);
    await page.getByRole("button", { name: "Sign in" }).click();
    return finish;
  }

  beforeAll(async () => {
    system = sharedSystem();
    if (!system.mailDir) throw new Error("the shared system keeps no mail");
    const registered = await webClientWithCallback(system, "browser reset test");
    web = registered.web;
    closeCallback = registered.close;
    // The demo issuer verifies addresses at sign-in: this one is known to be the user's.
    const user = await api<{ id: string }>("POST", "/users", {
      username_type: "email",
      username: EMAIL,
      profile: { email: EMAIL, email_verified: true },
      password: OLD_PASSWORD,
    });
    userId = user.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    closeCallback?.();
  });

  it("forgot → email → link → new password → tokens; other sessions end, the old password and the used link fail", async () => {
    const mailDir = system.mailDir as string;
    // Browser A signs in: a session exists and a second authorization skips the login page.
    const contextA = await browser.newContext();
    const pageA = await contextA.newPage();
    const finishA = await signIn(pageA, OLD_PASSWORD, "reset-a");
    await pageA.waitForURL(`${web.redirect_uri}**`);
    expect((await finishA()).email).toBe(EMAIL);
    // One OP session (the browser's) and one RP session (the client's).
    const before = await activeIds();
    expect(before).toHaveLength(2);

    // Browser B forgets the password.
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    const finishB = await openSignIn(pageB, system, web, {
      state: "reset-b",
      nonce: "reset-b-nonce",
    });
    await pageB.getByRole("link", { name: "Forgot password?" }).click();
    await expect.poll(() => pageB.locator("h1").textContent()).toBe("Reset your password");
    expect(await pageB.locator("#email").getAttribute("autocomplete")).toBe("email");
    expect(await checkPage(pageB, "forgot-password")).toEqual(CLEAN);
    const seen = (await mailsTo(mailDir, EMAIL)).length;
    await pageB.getByLabel("Email").fill(EMAIL);
    await pageB.getByRole("button", { name: "Send reset link" }).click();
    await expect.poll(() => pageB.locator("h1").textContent()).toBe("Check your email");
    expect(await pageB.getByRole("status").textContent()).toContain(EMAIL);
    expect(await checkPage(pageB, "reset-sent")).toEqual(CLEAN);

    const mail = await waitForMail(mailDir, EMAIL, { seen, subject: /password/i });
    const link = mail.links.find((l) => l.includes("/forgot-password/reset?token="));
    expect(link).toBeDefined();
    await pageB.goto(link as string);
    const password = pageB.getByLabel(/New password/);
    expect(await password.getAttribute("autocomplete")).toBe("new-password");
    expect(await checkPage(pageB, "reset-password")).toEqual(CLEAN);

    // A weak password is refused inline, on the same page, and the link still works.
    await password.fill("password123");
    await pageB.getByRole("button", { name: "Set new password" }).click();
    await expect.poll(() => pageB.getByRole("alert").textContent()).toContain("too easy to guess");
    expect(await checkPage(pageB, "reset-password-weak")).toEqual(CLEAN);

    await pageB.getByLabel(/New password/).fill(NEW_PASSWORD);
    await pageB.getByRole("button", { name: "Set new password" }).click();
    // The sign-in it came from resumes: the login page, with a notice and the address filled.
    await expect
      .poll(() => pageB.getByRole("status").textContent())
      .toContain("password was changed");
    expect(await pageB.locator("#username").inputValue()).toBe(EMAIL);
    expect(await checkPage(pageB, "reset-done-sign-in")).toEqual(CLEAN);
    await pageB.fill("#password", NEW_PASSWORD);
    await Promise.all([
      pageB.waitForURL(`${web.redirect_uri}**`),
      pageB.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect((await finishB()).sub).toBe(userId);

    // Browser A's session is gone: its next authorization asks it to sign in again.
    await openSignIn(pageA, system, web, { state: "reset-a2", nonce: "reset-a2-nonce" });
    await expect.poll(() => pageA.locator("#password").count()).toBe(1);
    const after = await activeIds();
    expect(after).toHaveLength(2);
    for (const old of before) expect(after).not.toContain(old);
    const revoked = (await sessions("revoked")).filter((s) => before.includes(s.id));
    expect(revoked.map((s) => s.revoked_reason)).toEqual(["password_reset", "password_reset"]);

    // The old password no longer signs in.
    await pageA.fill("#username", EMAIL);
    await pageA.fill("#password", OLD_PASSWORD);
    await pageA.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => pageA.getByRole("alert").textContent()).toContain("Incorrect");
    expect(pageA.url()).not.toContain(web.redirect_uri);

    // The link works once.
    const again = await pageB.goto(link as string);
    expect(again?.status()).toBe(410);
    expect(await pageB.locator("h1").textContent()).toBe("Link not valid");
    expect(await checkPage(pageB, "reset-link-used")).toEqual(CLEAN);
    await contextA.close();
    await contextB.close();
  });
});
