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
if (noBrowser) console.log(`browser email sign-in tests skipped: ${noBrowser}`);

const EMAIL = "email-code@example.com";

describe.skipIf(Boolean(noBrowser))("email sign-in in a real browser (Chromium)", () => {
  let system: SystemEndpoints;
  let browser: Browser;
  let web: WebClient;
  let closeCallback: (() => void) | undefined;
  let userId: string;

  const api = <T>(method: string, path: string, body?: unknown) =>
    coreApi<T>(system, method, `/issuers/${system.seed.issuer_id}${path}`, body);

  /** Opens the sign-in, asks for an emailed code, and returns the email it sent. */
  async function askForCode(page: Page, state: string) {
    const finish = await openSignIn(page, system, web, { state, nonce: `${state}-nonce` });
    const seen = (await mailsTo(system.mailDir as string, EMAIL)).length;
    await page.fill("#username", EMAIL);
    await page.getByRole("button", { name: "Email me a sign-in code" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Check your email");
    const mail = await waitForMail(system.mailDir as string, EMAIL, {
      seen,
      subject: /sign-in code/,
    });
    const link = mail.links.find((l) => l.includes("/login/email/link?token="));
    expect(mail.code).toMatch(/^\d{6}$/);
    expect(link).toBeDefined();
    return { finish, code: mail.code as string, link: link as string };
  }

  async function typeCode(page: Page, code: string) {
    await page.getByLabel("Sign-in code").fill(code);
    await Promise.all([
      page.waitForURL(`${web.redirect_uri}**`),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
  }

  beforeAll(async () => {
    system = sharedSystem();
    if (!system.mailDir) throw new Error("the shared system keeps no mail");
    // The demo issuer has email sign-in on (the seed adds it): the journey as a newcomer finds it.
    const methods = await api<{ method: string; enabled: boolean }[]>("GET", "/auth-methods");
    expect(methods.find((m) => m.method === "email-link")?.enabled).toBe(true);
    const registered = await webClientWithCallback(system, "browser email sign-in test");
    web = registered.web;
    closeCallback = registered.close;
    const user = await api<{ id: string }>("POST", "/users", {
      username_type: "email",
      username: EMAIL,
      profile: { email: EMAIL, email_verified: true },
      password: "a password this test never types",
    });
    userId = user.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    closeCallback?.();
  });

  it("the code from the email, typed on the page, signs in (a wrong one is refused inline)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openSignIn(page, system, web, { state: "peek", nonce: "peek-nonce" });
    expect(await checkPage(page, "email-sign-in")).toEqual(CLEAN);
    const { finish, code } = await askForCode(page, "email-code");
    const input = page.getByLabel("Sign-in code");
    expect(await input.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await input.getAttribute("inputmode")).toBe("numeric");
    expect(await checkPage(page, "email-code")).toEqual(CLEAN);

    const wrong = code === "000000" ? "111111" : "000000";
    await input.fill(wrong);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not valid");
    expect(await checkPage(page, "email-code-wrong")).toEqual(CLEAN);

    await typeCode(page, code);
    const claims = await finish();
    expect(claims.sub).toBe(userId);
    expect(claims.amr).toEqual(["otp"]);
    await context.close();
  });

  it("the link opened in the browser that asked signs in; a second time it is refused", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const { finish, link } = await askForCode(page, "email-link");
    await page.goto(link);
    await page.waitForURL(`${web.redirect_uri}**`);
    expect((await finish()).sub).toBe(userId);

    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    expect(await page.locator("h1").textContent()).toBe("Link not valid");
    expect(await checkPage(page, "email-link-used")).toEqual(CLEAN);
    await context.close();
  });

  it("the link opened in another browser signs nobody in there and shows the code to type in the first", async () => {
    const first = await browser.newContext();
    const page = await first.newPage();
    const { finish, code, link } = await askForCode(page, "email-elsewhere");

    const other = await browser.newContext();
    const elsewhere = await other.newPage();
    await elsewhere.goto(link);
    expect(await elsewhere.locator("h1").textContent()).toBe("Continue in the first browser");
    expect(elsewhere.url()).not.toContain(web.redirect_uri);
    expect(await elsewhere.getByLabel("Your sign-in code").textContent()).toBe(code);
    expect(await checkPage(elsewhere, "email-link-elsewhere")).toEqual(CLEAN);
    await other.close();

    await typeCode(page, code);
    expect((await finish()).sub).toBe(userId);
    await first.close();
  });
});
