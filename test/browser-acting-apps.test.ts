import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { launchChromium } from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

describe("the portal's apps that act for the user", () => {
  let system: SystemEndpoints;
  let browser: Browser;

  const api = <T>(method: string, path: string, body?: unknown) =>
    coreApi<T>(system, method, `/issuers/${system.seed.issuer_id}${path}`, body);

  beforeAll(async () => {
    system = sharedSystem();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("lists an agent the user allowed, and removing it withdraws the consent", async () => {
    const email = `ada-${Date.now()}@example.com`;
    const password = "a long password for ada";
    const user = await api<{ id: string }>("POST", "/users", {
      username_type: "email",
      username: email,
      profile: { email, email_verified: true },
      password,
    });
    const agent = await api<{ id: string }>("POST", "/agents", {
      name: "Inbox helper",
      scopes: ["email"],
    });
    await api("POST", `/users/${user.id}/consents`, { agent_id: agent.id });

    const account = `${system.idpUrl}/${system.seed.issuer_id}/account`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(account);
    await page.fill("#username", email);
    await page.fill("#password", password);
    await Promise.all([
      page.waitForURL(account),
      page.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
    const section = page.getByRole("region", { name: "Apps that act for you" });
    expect(await section.textContent()).toContain("Inbox helper");
    expect(await checkPage(page, "account-acting-apps")).toEqual(CLEAN);

    await Promise.all([
      page.waitForURL(`${account}?done=appRemoved`),
      section.getByRole("button", { name: /Inbox helper/ }).click(),
    ]);
    expect(await section.textContent()).toContain("No app acts for you.");
    const left = await api<unknown[]>("GET", `/users/${user.id}/consents`);
    expect(left).toEqual([]);
    await context.close();
  });
});
