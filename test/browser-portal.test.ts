import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { launchChromium, withPlatformAuthenticator } from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser portal tests skipped: ${noBrowser}`);

describe.skipIf(Boolean(noBrowser))("the user portal in a real browser", () => {
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

  it("signs in to /account, changes the name and password, adds and renames a passkey, signs out other sessions", async () => {
    const email = `erin-${Date.now()}@example.com`;
    const password = "a long password for erin";
    const user = await api<{ id: string }>("POST", "/users", {
      username_type: "email",
      username: email,
      profile: { email, email_verified: true },
      password,
    });
    const account = `${system.idpUrl}/${system.seed.issuer_id}/account`;

    // A second browser signed in to the portal: the session "sign out other sessions" ends.
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await other.goto(account);
    await other.fill("#username", email);
    await other.fill("#password", password);
    await Promise.all([
      other.waitForURL(`${account}`),
      other.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);

    const { context, page } = await withPlatformAuthenticator(browser);

    await page.goto(account);
    expect(await checkPage(page, "account-sign-in")).toEqual(CLEAN);
    await page.fill("#username", email);
    await page.fill("#password", password);
    // This device has a platform authenticator and erin no passkey: the sign-in offers one first.
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await Promise.all([
      page.waitForURL(account),
      page.getByRole("button", { name: /Not now.*passkey/ }).click(),
    ]);
    expect(await page.textContent("h1")).toContain("account");
    expect(await checkPage(page, "account")).toEqual(CLEAN);

    await page.fill("#name", "Erin Example");
    await Promise.all([
      page.waitForURL(`${account}?done=profile`),
      page.getByRole("button", { name: "Save profile" }).click(),
    ]);
    expect(await page.getByRole("status").textContent()).toContain("Your profile was saved.");
    expect(await checkPage(page, "account-saved")).toEqual(CLEAN);
    const named = await api<{ profile: { name: string } }>("GET", `/users/${user.id}`);
    expect(named.profile.name).toBe("Erin Example");

    await page.fill("#current-password", password);
    await page.fill("#new-password", "Copper-Meadow-Glacier-63");
    await Promise.all([
      page.waitForURL(`${account}?done=password`),
      page.getByRole("button", { name: "Change password" }).click(),
    ]);
    expect(await checkPage(page, "account-password-changed")).toEqual(CLEAN);

    const add = page.getByRole("button", { name: "Add a passkey" });
    await add.waitFor();
    await Promise.all([page.waitForURL(`${account}?done=passkeyAdded`), add.click()]);
    expect(await checkPage(page, "account-passkey-added")).toEqual(CLEAN);
    await page.fill("#passkey-name-0", "Work laptop");
    await Promise.all([
      page.waitForURL(`${account}?done=passkeyRenamed`),
      page.getByRole("button", { name: "Rename" }).click(),
    ]);
    const verifiers = await api<{ type: string; name: string | null }[]>(
      "GET",
      `/users/${user.id}/verifiers`,
    );
    expect(verifiers.filter((v) => v.type === "webauthn").map((v) => v.name)).toEqual([
      "Work laptop",
    ]);

    // The password change already ended the other browser's session; sign it in again first.
    await other.goto(account);
    await other.fill("#username", email);
    await other.fill("#password", "Copper-Meadow-Glacier-63");
    await Promise.all([
      other.waitForURL(account),
      other.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
    await page.reload();
    await Promise.all([
      page.waitForURL(`${account}?done=othersEnded`),
      page.getByRole("button", { name: "Sign out all other sessions" }).click(),
    ]);
    expect(await checkPage(page, "account-others-signed-out")).toEqual(CLEAN);
    const sessions = await api<{ type: string; status: string }[]>(
      "GET",
      `/users/${user.id}/sessions`,
    );
    expect(sessions.filter((s) => s.type === "op" && s.status === "active")).toHaveLength(1);
    await other.goto(account);
    expect(await other.locator("#username").count()).toBe(1);
    await elsewhere.close();
    await context.close();
  });
});
