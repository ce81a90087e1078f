import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import {
  launchChromium,
  openSignIn,
  type WebClient,
  webClientWithCallback,
  withPlatformAuthenticator,
} from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser passkey tests skipped: ${noBrowser}`);

describe.skipIf(Boolean(noBrowser))(
  "passkeys in a real browser (Chromium virtual authenticator)",
  () => {
    let system: SystemEndpoints;
    let browser: Browser;
    let closeCallback: (() => void) | undefined;
    let web: WebClient;

    const api = <T>(method: string, path: string, body?: unknown) =>
      coreApi<T>(system, method, `/issuers/${system.seed.issuer_id}${path}`, body);

    /** Opens the hosted sign-in for the web client; `finish` redeems the code with openid-client. */
    const start = (page: Page, extra: Record<string, string> = {}) =>
      openSignIn(page, system, web, { state: "pk-state", nonce: "pk-nonce", extra });

    beforeAll(async () => {
      system = sharedSystem();
      const registered = await webClientWithCallback(system, "browser passkey test");
      web = registered.web;
      closeCallback = registered.close;
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      closeCallback?.();
    });

    it("adds a passkey at enrollment, signs out, signs in usernameless through autofill and with the button; amr checked", async () => {
      const password = "a long password for carol";
      const user = await api<{ id: string }>("POST", "/users", {
        username_type: "email",
        username: "carol@example.com",
        // The demo issuer verifies email addresses at sign-in; carol's is known to be hers.
        profile: { email: "carol@example.com", email_verified: true },
        password,
      });
      const { context, page, cdp, authenticatorId } = await withPlatformAuthenticator(browser);

      // acr_values=mfa and no factor yet: the enrollment step, which offers a passkey.
      const enrolled = await start(page, { acr_values: "mfa" });
      expect(await page.locator("#username").getAttribute("autocomplete")).toBe(
        "username webauthn",
      );
      await page.getByRole("button", { name: "Continue with a passkey" }).waitFor();
      expect(await checkPage(page, "sign-in-passkey")).toEqual(CLEAN);
      await page.fill("#username", "carol@example.com");
      await page.fill("#password", password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      const add = page.getByRole("button", { name: "Add a passkey" });
      await add.waitFor();
      expect(await checkPage(page, "enroll-passkey")).toEqual(CLEAN);
      await Promise.all([page.waitForURL(`${web.redirect_uri}**`), add.click()]);
      const first = await enrolled();
      expect(first.sub).toBe(user.id);
      expect(first.amr).toEqual(["pwd", "hwk", "mfa"]);

      const verifiers = await api<{ type: string; credential: { transports: string[] } }[]>(
        "GET",
        `/users/${user.id}/verifiers`,
      );
      expect(verifiers.filter((v) => v.type === "webauthn")).toHaveLength(1);

      // Signed out; the username field's autofill (conditional mediation) offers the passkey,
      // and Chromium's virtual authenticator answers it at once: no username typed, no click.
      await context.clearCookies();
      const signedIn = await start(page, { acr_values: "mfa" });
      await page.waitForURL(`${web.redirect_uri}**`);
      const second = await signedIn();
      expect(second.sub).toBe(user.id);
      expect(second.amr).toEqual(["hwk", "mfa"]);
      expect(second.acr).toBe("mfa");

      // The button: with presence held back the autofill request waits, the click takes over.
      await context.clearCookies();
      await cdp.send("WebAuthn.setAutomaticPresenceSimulation", {
        authenticatorId,
        enabled: false,
      });
      const clicked = await start(page);
      const button = page.getByRole("button", { name: "Continue with a passkey" });
      await button.waitFor();
      await cdp.send("WebAuthn.setAutomaticPresenceSimulation", { authenticatorId, enabled: true });
      await Promise.all([page.waitForURL(`${web.redirect_uri}**`), button.click()]);
      expect((await clicked()).amr).toEqual(["hwk", "mfa"]);
      await context.close();
    });

    async function signInWithPassword(page: Page, username: string, password: string) {
      // The page's script marks the form once it found the platform authenticator.
      await expect.poll(() => page.locator('input[name="passkey_capable"]').inputValue()).toBe("1");
      await page.fill("#username", username);
      await page.fill("#password", password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
    }

    async function newUser(username: string, password: string) {
      return api<{ id: string }>("POST", "/users", {
        username_type: "email",
        username,
        profile: { email: username, email_verified: true },
        password,
      });
    }

    it("offers a passkey after a password sign-in: Add a passkey registers it and goes on; next time no offer", async () => {
      const password = "a long password for dave";
      const user = await newUser("dave@example.com", password);
      const { context, page } = await withPlatformAuthenticator(browser);
      const flow = await start(page);
      await signInWithPassword(page, "dave@example.com", password);
      await expect
        .poll(() => page.locator("h1").textContent())
        .toBe("Add a passkey for faster sign-in");
      const add = page
        .getByRole("button", { name: /passkey/ })
        .filter({ hasText: "Add a passkey" });
      await add.waitFor();
      expect(await page.getByRole("button", { name: /Not now.*passkey/ }).count()).toBe(1);
      expect(await checkPage(page, "passkey-offer")).toEqual(CLEAN);
      await Promise.all([page.waitForURL(`${web.redirect_uri}**`), add.click()]);
      expect((await flow()).amr).toEqual(["pwd"]);
      const verifiers = await api<{ type: string }[]>("GET", `/users/${user.id}/verifiers`);
      expect(verifiers.filter((v) => v.type === "webauthn")).toHaveLength(1);

      // Signed out: the new passkey answers the username field's autofill at once.
      await context.clearCookies({ name: "authpi_session" });
      const again = await start(page);
      await page.waitForURL(`${web.redirect_uri}**`);
      const claims = await again();
      expect(claims.sub).toBe(user.id);
      expect(claims.amr).toEqual(["hwk", "mfa"]);
      await context.close();
    });

    it("goes on with Not now and does not offer again in that browser", async () => {
      const password = "a long password for erin";
      await newUser("erin@example.com", password);
      const { context, page } = await withPlatformAuthenticator(browser);
      const flow = await start(page);
      await signInWithPassword(page, "erin@example.com", password);
      const notNow = page.getByRole("button", { name: /Not now.*passkey/ });
      await notNow.waitFor();
      await Promise.all([page.waitForURL(`${web.redirect_uri}**`), notNow.click()]);
      expect((await flow()).amr).toEqual(["pwd"]);
      await context.clearCookies({ name: "authpi_session" });
      const again = await start(page);
      await signInWithPassword(page, "erin@example.com", password);
      await page.waitForURL(`${web.redirect_uri}**`);
      expect((await again()).amr).toEqual(["pwd"]);
      await context.close();
    });
  },
);
