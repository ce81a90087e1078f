import { randomUUID } from "node:crypto";
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
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser signup tests skipped: ${noBrowser}`);

/** A password the strength check accepts. */
const STRONG = "Lantern-Orchard-Quartz-58";

/** An address no earlier run used (the shared system keeps its users and mail). */
const newAddress = (label: string) => `signup-${label}-${randomUUID().slice(0, 8)}@example.com`;

// The demo issuer of the shared system has signup and verify_email_address_on_signup on.
describe.skipIf(Boolean(noBrowser))(
  "signup and email verification in a real browser (Chromium)",
  () => {
    let system: SystemEndpoints;
    let browser: Browser;
    let web: WebClient;
    let closeCallback: (() => void) | undefined;

    beforeAll(async () => {
      system = sharedSystem();
      expect(system.mailDir, "the shared system keeps its mail").toBeTruthy();
      const registered = await webClientWithCallback(system, "browser signup test");
      web = registered.web;
      closeCallback = registered.close;
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      closeCallback?.();
    });

    /** From the login page, "Create an account", then the form filled in and sent. */
    async function signUp(page: Page, email: string, link = "Create an account") {
      await page.getByRole("link", { name: link }).click();
      await page.waitForURL(/\/signup\?request_id=/);
      await page.fill("#email", email);
      await page.fill("#name", "Signup Tester");
    }

    /** The account the Core API has under `email`: its id and whether the email is verified. */
    async function accountOf(email: string) {
      const users = `/issuers/${system.seed.issuer_id}/users`;
      const query = new URLSearchParams({ username: email });
      const found = await coreApi<{ id: string }[]>(system, "GET", `${users}?${query}`);
      expect(found).toHaveLength(1);
      const user = await coreApi<{ id: string; profile: { email_verified?: boolean } }>(
        system,
        "GET",
        `${users}/${found[0]?.id}`,
      );
      return { id: user.id, verified: user.profile.email_verified === true };
    }

    const atCallback = (page: Page) =>
      page.waitForURL((url) => url.href.startsWith(web.redirect_uri), { timeout: 20_000 });

    it("signs up, shows a weak password inline, verifies with the emailed code and lands back at the client", async () => {
      const page = await (await browser.newContext()).newPage();
      const finish = await openSignIn(page, system, web, { state: "su-state", nonce: "su-nonce" });
      const email = newAddress("code");
      expect(await checkPage(page, "login-with-signup")).toEqual(CLEAN);
      await signUp(page, email);
      expect(await page.locator("#email").getAttribute("autocomplete")).toBe("email");
      expect(await page.locator("#password").getAttribute("autocomplete")).toBe("new-password");
      expect(await checkPage(page, "signup")).toEqual(CLEAN);

      await page.fill("#password", "password1234");
      await page.getByRole("button", { name: "Create account" }).click();
      const alert = page.getByRole("alert");
      await expect.poll(() => alert.textContent()).toContain("This password is too easy to guess.");
      expect(await alert.locator("li").count()).toBeGreaterThan(0);
      expect(await page.locator("#email").inputValue()).toBe(email);
      expect(await checkPage(page, "signup-error")).toEqual(CLEAN);

      await page.fill("#password", STRONG);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      expect(page.url()).not.toContain(web.redirect_uri);
      expect(await checkPage(page, "verify-email")).toEqual(CLEAN);

      const mail = await waitForMail(system.mailDir as string, email);
      expect(mail.code).toMatch(/^\d{6}$/);
      await page.fill("#code", mail.code as string);
      await page.getByRole("button", { name: "Verify" }).click();
      await atCallback(page);
      const claims = await finish();
      expect(claims.email).toBe(email);
      expect(claims.email_verified).toBe(true);
      expect({ id: claims.sub, verified: true }).toEqual(await accountOf(email));
    });

    it("verifies with the emailed link instead, in the same browser, and lands back at the client", async () => {
      const page = await (await browser.newContext()).newPage();
      const finish = await openSignIn(page, system, web, { state: "sl-state", nonce: "sl-nonce" });
      const email = newAddress("link");
      await signUp(page, email);
      await page.fill("#password", STRONG);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();

      const mail = await waitForMail(system.mailDir as string, email);
      const link = mail.links.find((l) => l.includes("/verify-email?token="));
      expect(link, mail.text).toBeTruthy();
      await page.goto(link as string);
      await atCallback(page);
      const claims = await finish();
      expect(claims.email).toBe(email);
      expect(claims.email_verified).toBe(true);
      expect({ id: claims.sub, verified: true }).toEqual(await accountOf(email));
    });

    it("the link opened on another device says the email is verified; the first browser then goes on", async () => {
      const page = await (await browser.newContext()).newPage();
      const finish = await openSignIn(page, system, web, { state: "so-state", nonce: "so-nonce" });
      const email = newAddress("other");
      await signUp(page, email);
      await page.fill("#password", STRONG);
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("heading", { name: "Check your email" }).waitFor();
      const mail = await waitForMail(system.mailDir as string, email);

      const phone = await (await browser.newContext()).newPage();
      await phone.goto(mail.links.find((l) => l.includes("/verify-email?token=")) as string);
      await phone.getByRole("heading", { name: "Email verified" }).waitFor();
      expect(phone.url()).not.toContain(web.redirect_uri);
      expect(await checkPage(phone, "email-verified")).toEqual(CLEAN);

      await page.fill("#code", mail.code as string);
      await page.getByRole("button", { name: "Verify" }).click();
      await atCallback(page);
      const claims = await finish();
      expect({ id: claims.sub, verified: claims.email_verified }).toEqual(await accountOf(email));
    });

    it("with ui_locales=fr, the pages and the email are in French", async () => {
      const page = await (await browser.newContext()).newPage();
      const finish = await openSignIn(page, system, web, {
        state: "fr-state",
        nonce: "fr-nonce",
        extra: { ui_locales: "fr" },
      });
      const email = newAddress("fr");
      await signUp(page, email, "Créer un compte");
      expect(await page.locator("html").getAttribute("lang")).toBe("fr");
      expect(await page.locator("h1").textContent()).toMatch(/^Créez votre compte /);
      expect(await checkPage(page, "signup-fr")).toEqual(CLEAN);
      await page.fill("#password", STRONG);
      await page.getByRole("button", { name: "Créer le compte" }).click();
      await page.getByRole("heading", { name: "Consultez vos e-mails" }).waitFor();
      expect(await checkPage(page, "verify-email-fr")).toEqual(CLEAN);

      const mail = await waitForMail(system.mailDir as string, email);
      expect(mail.subject).toMatch(/^Vérifiez votre adresse e-mail/);
      expect(mail.text).toContain("Le lien et le code ne servent qu’une fois, pendant 24 heures.");
      await page.fill("#code", mail.code as string);
      await page.getByRole("button", { name: "Vérifier" }).click();
      await atCallback(page);
      expect((await finish()).email_verified).toBe(true);
    });
  },
);
