import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { FakeGitHub } from "./support/fake-github.ts";
import {
  launchChromium,
  openSignIn,
  type WebClient,
  webClientWithCallback,
} from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";
import { enableUpstream, eventsOf, upstreamIssuer } from "./support/upstream-journey.ts";
import { startUpstreamOidc, type UpstreamOidc } from "./support/upstream-oidc.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser upstream tests skipped: ${noBrowser}`);

type User = { id: string; username: string; profile: { email?: string; email_verified?: boolean } };

describe.skipIf(Boolean(noBrowser))(
  "sign-in through upstreams in a real browser (Chromium)",
  () => {
    let system: SystemEndpoints;
    let browser: Browser;
    let web: WebClient;
    let closeCallback: () => void;
    let issuerId: string;
    let upstream: UpstreamOidc;
    const github = new FakeGitHub();

    const api = <T>(method: string, path: string, body?: unknown) =>
      coreApi<T>(system, method, `/issuers/${issuerId}${path}`, body);

    async function userNamed(username: string): Promise<User | undefined> {
      const [found] = await api<{ id: string }[]>(
        "GET",
        `/users?username=${encodeURIComponent(username)}`,
      );
      return found ? api<User>("GET", `/users/${found.id}`) : undefined;
    }

    /** Opens our sign-in, presses "Continue with Local OIDC" and signs in upstream. */
    async function viaLocalOidc(page: Page, state: string, login: string) {
      const finish = await openSignIn(page, system, web, { state, nonce: `${state}-nonce` });
      await page.getByRole("button", { name: "Continue with Local OIDC" }).click();
      await page.getByLabel("Upstream username").fill(login);
      await page.getByLabel("Upstream password").fill("upstream-pass");
      await page.getByRole("button", { name: "Sign in upstream" }).click();
      return finish;
    }

    beforeAll(async () => {
      system = sharedSystem();
      issuerId = await upstreamIssuer(system, "upstream browser");
      upstream = await startUpstreamOidc({
        redirectUris: [`${system.idpUrl}/${issuerId}/upstream/callback`],
        accounts: [
          {
            username: "ada",
            password: "upstream-pass",
            email: "ada@upstream.test",
            emailVerified: true,
            name: "Ada Upstream",
          },
          {
            username: "linker",
            password: "upstream-pass",
            email: "linkme@example.com",
            emailVerified: true,
            name: "Link Me",
          },
          {
            username: "eve",
            password: "upstream-pass",
            email: "target@example.com",
            emailVerified: false,
            name: "Eve",
          },
        ],
      });
      await github.start();
      await enableUpstream(system, issuerId, "Local OIDC", {
        provider: "local-oidc",
        display_name: "Local OIDC",
        issuer: upstream.issuer,
        client_id: upstream.clientId,
        client_secret: upstream.clientSecret,
      });
      await enableUpstream(system, issuerId, "GitHub", {
        provider: "github",
        client_id: github.clientId,
        client_secret: github.clientSecret,
        authorization_endpoint: `${github.url}/login/oauth/authorize`,
        token_endpoint: `${github.url}/login/oauth/access_token`,
        userinfo_endpoint: github.url,
      });
      ({ web, close: closeCallback } = await webClientWithCallback(
        system,
        "upstream browser",
        issuerId,
      ));
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      closeCallback?.();
      await upstream?.stop();
      await github.stop();
    });

    it("shows a Continue with button per upstream and creates the user just in time", async () => {
      const page = await (await browser.newContext()).newPage();
      await openSignIn(page, system, web, { state: "s-buttons", nonce: "n-buttons" });
      const buttons = page.locator("form.upstreams button");
      expect(await buttons.allTextContents()).toEqual([
        "Continue with Local OIDC",
        "Continue with GitHub",
      ]);
      expect(await checkPage(page, "upstream-login")).toEqual(CLEAN);

      const finish = await viaLocalOidc(page, "s-jit", "ada");
      await page.waitForURL(`${web.redirect_uri}**`);
      const claims = await finish();
      const user = await userNamed("ada@upstream.test");
      expect(user?.profile).toMatchObject({ email: "ada@upstream.test", email_verified: true });
      expect(claims.sub).toBe(user?.id);
      expect(claims.amr).toEqual(["fed"]);
      const created = await eventsOf(system, issuerId, "user.created");
      expect(created[0]?.data).toMatchObject({ source: "upstream", provider: "local-oidc" });
    });

    it("signs in through GitHub, taking only a verified address", async () => {
      github.nextUser = {
        id: 4242,
        login: "octo",
        name: "Octo Cat",
        emails: [
          { email: "unverified@octo.test", primary: true, verified: false },
          { email: "octo@octo.test", primary: false, verified: true },
        ],
      };
      const page = await (await browser.newContext()).newPage();
      const finish = await openSignIn(page, system, web, { state: "s-gh", nonce: "n-gh" });
      await page.getByRole("button", { name: "Continue with GitHub" }).click();
      await page.waitForURL(`${web.redirect_uri}**`);
      const claims = await finish();
      const user = await userNamed("octo@octo.test");
      expect(user?.profile).toMatchObject({ email_verified: true, name: "Octo Cat" });
      expect(claims.sub).toBe(user?.id);
    });

    it("links an existing user only after they prove the account with their password", async () => {
      const existing = await api<User>("POST", "/users", {
        username_type: "email",
        username: "linkme@example.com",
        profile: { email: "linkme@example.com", email_verified: true },
        password: "the existing password 42",
      });
      const page = await (await browser.newContext()).newPage();
      const finish = await viaLocalOidc(page, "s-link", "linker");
      await expect
        .poll(() => page.locator(".notice").textContent())
        .toContain("Sign in to it once to link Local OIDC");
      expect(await page.locator("#username").inputValue()).toBe("linkme@example.com");
      const linkedBefore = (await eventsOf(system, issuerId, "user.identity.linked")).length;
      expect(await checkPage(page, "upstream-prove")).toEqual(CLEAN);
      await page.getByLabel("Password").fill("the existing password 42");
      await Promise.all([
        page.waitForURL(`${web.redirect_uri}**`),
        page.getByRole("button", { name: "Sign in", exact: true }).click(),
      ]);
      expect((await finish()).sub).toBe(existing.id);
      const linked = await eventsOf(system, issuerId, "user.identity.linked");
      expect(linked.length).toBe(linkedBefore + 1);
      expect(linked[0]).toMatchObject({
        subject: { id: existing.id },
        data: { provider: "local-oidc" },
      });

      // Linked now: the upstream alone signs the same user in.
      const again = await (await browser.newContext()).newPage();
      const finishAgain = await viaLocalOidc(again, "s-link-2", "linker");
      await again.waitForURL(`${web.redirect_uri}**`);
      expect((await finishAgain()).sub).toBe(existing.id);
    });

    it("never links by an email the upstream has not verified", async () => {
      await api<User>("POST", "/users", {
        username_type: "email",
        username: "target@example.com",
        profile: { email: "target@example.com", email_verified: true },
        password: "the target's password 42",
      });
      const page = await (await browser.newContext()).newPage();
      await viaLocalOidc(page, "s-unverified", "eve");
      await expect
        .poll(() => page.locator("[role=alert]").textContent())
        .toContain("has not verified it");
      expect(page.url()).not.toContain(web.redirect_uri);
      expect(await checkPage(page, "upstream-unverified")).toEqual(CLEAN);
      const target = await userNamed("target@example.com");
      const identities = await api<unknown[]>("GET", `/users/${target?.id}/identities`).catch(
        () => [],
      );
      expect(identities).toEqual([]);
    });

    it("lists linked accounts in the portal; removes one, but never the last way to sign in", async () => {
      const account = `${system.idpUrl}/${issuerId}/account`;
      /** Signs in to the portal through the upstream as `login`. */
      async function portalAs(login: string) {
        const page = await (await browser.newContext()).newPage();
        await page.goto(account);
        await page.getByRole("button", { name: "Continue with Local OIDC" }).click();
        await page.getByLabel("Upstream username").fill(login);
        await page.getByLabel("Upstream password").fill("upstream-pass");
        await Promise.all([
          page.waitForURL(account),
          page.getByRole("button", { name: "Sign in upstream" }).click(),
        ]);
        return page;
      }
      // ada was created from the upstream: her only way in is the linked identity.
      const ada = await portalAs("ada");
      const section = ada.locator("section[aria-labelledby=identities-heading]");
      expect(await section.locator("li strong").allTextContents()).toEqual(["local-oidc"]);
      expect(await checkPage(ada, "upstream-portal")).toEqual(CLEAN);
      await section.getByRole("button", { name: "Remove local-oidc" }).click();
      await expect
        .poll(() => ada.locator("[role=alert]").textContent())
        .toContain("last way to sign in");
      expect(await section.locator("li").count()).toBe(1);

      // linkme has a password too: the link can go, with user.identity.unlinked.
      const linker = await portalAs("linker");
      const unlinkedBefore = (await eventsOf(system, issuerId, "user.identity.unlinked")).length;
      await Promise.all([
        linker.waitForURL(`${account}?done=identityUnlinked`),
        linker.getByRole("button", { name: "Remove local-oidc" }).click(),
      ]);
      expect(await linker.locator("[role=status]").textContent()).toContain(
        "linked account was removed",
      );
      expect(await linker.locator("section[aria-labelledby=identities-heading] li").count()).toBe(
        0,
      );
      expect((await eventsOf(system, issuerId, "user.identity.unlinked")).length).toBe(
        unlinkedBefore + 1,
      );
    });
  },
);
