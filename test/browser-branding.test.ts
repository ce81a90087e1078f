import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import {
  launchChromium,
  openSignIn,
  type WebClient,
  webClientWithCallback,
} from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser branding tests skipped: ${noBrowser}`);

// A 16×16 violet PNG, served by the test as the issuer's logo.
const LOGO = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR42mOo1tlPEmIY1TCqYfhqAAAPLGYQJlsWkgAAAABJRU5ErkJggg==",
  "base64",
);
const PRIMARY = "#7b2cbf";
const LINKS = {
  privacy_policy: "https://violet.example/privacy",
  terms_of_service: "https://violet.example/terms",
  support: "https://violet.example/support",
};

describe.skipIf(Boolean(noBrowser))("branding and language in a real browser (Chromium)", () => {
  let system: SystemEndpoints;
  let browser: Browser;
  let logoServer: Server;
  let logoUrl: string;
  let web: WebClient;
  let closeCallback: (() => void) | undefined;
  const logoRequests: string[] = [];

  const signIn = (page: Page, extra: Record<string, string> = {}) =>
    openSignIn(page, system, web, { state: "brand-state", nonce: "brand-nonce", extra });

  beforeAll(async () => {
    system = sharedSystem();
    logoServer = createServer((req, res) => {
      logoRequests.push(req.url ?? "");
      res.writeHead(200, { "content-type": "image/png" }).end(LOGO);
    });
    await new Promise<void>((resolve) => logoServer.listen(0, "127.0.0.1", resolve));
    logoUrl = `http://127.0.0.1:${(logoServer.address() as AddressInfo).port}/brand/logo.png?v=2`;
    // An issuer of its own, so the demo's look stays as it is for the other files.
    const issuer = await coreApi<{ id: string }>(system, "POST", "/issuers", {
      name: "violet-books-issuer",
      links: LINKS,
      settings: {
        branding: { display_name: "Violet Books", logo_url: logoUrl, primary_color: PRIMARY },
      },
    });
    const registered = await webClientWithCallback(system, "Violet Reader", issuer.id);
    web = registered.web;
    closeCallback = registered.close;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    closeCallback?.();
    logoServer?.close();
  });

  it("the login page shows the logo, names, brand colour and footer links, light and dark", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    const logo = page.locator("img.logo");
    expect(await logo.getAttribute("src")).toBe(logoUrl);
    expect(await logo.getAttribute("alt")).toBe("Violet Books");
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);
    expect(logoRequests).toContain("/brand/logo.png?v=2");
    expect(await page.locator("h1").textContent()).toBe("Sign in to Violet Books");
    expect(await page.title()).toContain("Violet Books");
    expect(await page.locator(".subtitle").textContent()).toContain("Violet Reader");
    const button = page.getByRole("button", { name: "Sign in", exact: true });
    const background = () => button.evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(await background()).toBe("rgb(123, 44, 191)");
    const footer = page.getByRole("contentinfo");
    expect(await footer.getByRole("link", { name: "Privacy policy" }).getAttribute("href")).toBe(
      LINKS.privacy_policy,
    );
    expect(await footer.getByRole("link", { name: "Terms of service" }).getAttribute("href")).toBe(
      LINKS.terms_of_service,
    );
    expect(await footer.getByRole("link", { name: "Support" }).getAttribute("href")).toBe(
      LINKS.support,
    );
    expect(await checkPage(page, "branding-login-light")).toEqual(CLEAN);

    await page.emulateMedia({ colorScheme: "dark" });
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(body).toBe("rgb(15, 19, 26)");
    expect(await background()).toBe("rgb(123, 44, 191)");
    expect(await checkPage(page, "branding-login-dark")).toEqual(CLEAN);
    await context.close();
  });

  it("ui_locales=de shows German; Accept-Language: fr shows French", async () => {
    const german = await browser.newContext();
    const de = await german.newPage();
    await signIn(de, { ui_locales: "de" });
    expect(await de.locator("html").getAttribute("lang")).toBe("de");
    expect(await de.locator("h1").textContent()).toBe("Bei Violet Books anmelden");
    expect(await de.getByRole("link", { name: "Datenschutzerklärung" }).count()).toBe(1);
    expect(await checkPage(de, "branding-login-de")).toEqual(CLEAN);
    await german.close();

    const french = await browser.newContext({ extraHTTPHeaders: { "Accept-Language": "fr" } });
    const fr = await french.newPage();
    await signIn(fr);
    expect(await fr.locator("html").getAttribute("lang")).toBe("fr");
    expect(await fr.locator("h1").textContent()).toBe("Se connecter à Violet Books");
    expect(await fr.getByRole("link", { name: "Politique de confidentialité" }).count()).toBe(1);
    expect(await checkPage(fr, "branding-login-fr")).toEqual(CLEAN);
    await french.close();
  });

  it("an error page reached from the client leads back to it", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page);
    // The browser loses its cookies between the page and its POST: the form is refused.
    await context.clearCookies();
    await page.fill("#username", "someone@example.com");
    await page.fill("#password", "any password at all");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
    expect(response.status()).toBe(403);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Request refused");
    expect(await page.locator("img.logo").getAttribute("src")).toBe(logoUrl);
    const back = page.getByRole("link", { name: "Back to Violet Reader" });
    const href = new URL((await back.getAttribute("href")) ?? "http://missing/");
    expect(`${href.origin}${href.pathname}`).toBe(web.redirect_uri);
    expect(href.searchParams.get("error")).toBe("access_denied");
    expect(href.searchParams.get("state")).toBe("brand-state");
    expect(await checkPage(page, "error-back-to-application")).toEqual(CLEAN);
    await Promise.all([page.waitForURL(`${web.redirect_uri}**`), back.click()]);
    expect(new URL(page.url()).searchParams.get("error")).toBe("access_denied");
    await context.close();
  });

  it("a primary colour too light for white text is refused with a 422 that says contrast", async () => {
    const response = await fetch(
      `${system.coreUrl}/v1/accounts/${system.seed.account_id}/issuers`,
      {
        method: "POST",
        headers: { authorization: system.basicAuth, "content-type": "application/json" },
        body: JSON.stringify({
          name: "pale-issuer",
          settings: { branding: { primary_color: "#ffd60a" } },
        }),
      },
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error_description: string };
    expect(body.error_description).toMatch(/contrast/);
    expect(body.error_description).toContain("4.5:1");
  });
});
