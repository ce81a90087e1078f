import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { publishTxt } from "./support/doh-server.ts";
import {
  launchChromium,
  openSignIn,
  type WebClient,
  webClientWithCallback,
} from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";
import { eventsOf } from "./support/upstream-journey.ts";
import { startUpstreamOidc, type UpstreamOidc } from "./support/upstream-oidc.ts";

type Org = { id: string; sso: { enabled: boolean; domains: { verified: boolean }[] } };
type Member = { member_id: string; scopes: string[] };

describe("enterprise SSO in a real browser (Chromium)", () => {
  let system: SystemEndpoints;
  let browser: Browser;
  let web: WebClient;
  let closeCallback: () => void;
  let issuerId: string;
  let org: Org;
  let idp: UpstreamOidc;
  const host = `acme-${randomUUID().slice(0, 8)}.example`;

  const api = <T>(method: string, path: string, body?: unknown) =>
    coreApi<T>(system, method, `/issuers/${issuerId}${path}`, body);

  /** The org's IdP login page, reached from ours through "Continue with single sign-on". */
  async function toOrganizationIdp(page: Page, email: string, state: string) {
    const finish = await openSignIn(page, system, web, { state, nonce: `${state}-n` });
    await page.getByLabel("Username").fill(email);
    await page.getByRole("button", { name: "Continue with single sign-on" }).click();
    await page.getByLabel("Upstream username").waitFor();
    return finish;
  }

  beforeAll(async () => {
    system = sharedSystem();
    // Public signup stays off: the organization's SSO provisions its own people.
    issuerId = (await coreApi<{ id: string }>(system, "POST", "/issuers", { name: "Acme SSO" })).id;
    ({ web, close: closeCallback } = await webClientWithCallback(system, "sso web", issuerId));
    idp = await startUpstreamOidc({
      redirectUris: [`${system.idpUrl}/${issuerId}/upstream/callback`],
      accounts: [
        {
          username: "grace",
          password: "idp-pass",
          email: `grace@${host}`,
          emailVerified: true,
          name: "Grace Acme",
        },
        // An IdP answering for an address outside the organization's domain, or unverified.
        {
          username: "mallory",
          password: "idp-pass",
          email: "ceo@elsewhere.example",
          emailVerified: true,
          name: "Mallory",
        },
        {
          username: "unsure",
          password: "idp-pass",
          email: `unsure@${host}`,
          emailVerified: false,
          name: "Unsure",
        },
        {
          username: "linus",
          password: "idp-pass",
          email: `linus@${host}`,
          emailVerified: true,
          name: "Linus",
        },
      ],
    });
    org = await api<Org>("POST", "/organizations", {
      name: "Acme",
      default_member_scopes: ["projects:read"],
      sso: {
        protocol: "oidc",
        oidc: { issuer: idp.issuer, client_id: idp.clientId, client_secret: idp.clientSecret },
      },
    });
    const claim = await api<{ txt_record_name: string; txt_record_value: string }>(
      "POST",
      `/organizations/${org.id}/sso/domains`,
      { domain: host },
    );
    await publishTxt(system.dohUrl as string, claim.txt_record_name, [claim.txt_record_value]);
    const verified = await api<{ verified: boolean }>(
      "POST",
      `/organizations/${org.id}/sso/domains/${host}/verify`,
    );
    expect(verified.verified).toBe(true);
    await api("PATCH", `/organizations/${org.id}`, { sso: { enabled: true, sso_only: true } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    closeCallback?.();
    await idp?.stop();
  });

  it("routes an email of the organization's domain to its IdP and provisions the member", async () => {
    const page = await (await browser.newContext()).newPage();
    await openSignIn(page, system, web, { state: "s-page", nonce: "n-page" });
    expect(await checkPage(page, "sso-login")).toEqual(CLEAN);

    // The page on the way to the IdP navigates on at once; shown once without its refresh, it can
    // be checked as a person sees it, and its link (the way on without refresh) followed.
    await page.route("**/login/sso", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, "");
      await route.fulfill({ response, body });
    });
    const finish = await openSignIn(page, system, web, { state: "s-sso", nonce: "n-sso" });
    await page.getByLabel("Username").fill(`Grace@${host.toUpperCase()}`);
    await page.getByRole("button", { name: "Continue with single sign-on" }).click();
    await page.getByRole("heading", { name: "Signing in with Acme" }).waitFor();
    expect(await checkPage(page, "sso-redirect")).toEqual(CLEAN);
    const link = page.getByRole("link", { name: "Continue to your organization's sign-in" });
    const idpUrl = new URL((await link.getAttribute("href")) as string);
    expect(idpUrl.origin).toBe(new URL(idp.issuer).origin);
    expect(idpUrl.searchParams.get("login_hint")).toBe(`Grace@${host.toUpperCase()}`);
    await page.unrouteAll();
    await link.click();

    await page.getByLabel("Upstream username").fill("grace");
    await page.getByLabel("Upstream password").fill("idp-pass");
    await page.getByRole("button", { name: "Sign in upstream" }).click();
    await page.waitForURL(`${web.redirect_uri}**`);
    const claims = await finish();

    const [user] = await api<{ id: string }[]>(
      "GET",
      `/users?username=${encodeURIComponent(`grace@${host}`)}`,
    );
    expect(claims.sub).toBe(user?.id);
    const members = await api<Member[]>("GET", `/organizations/${org.id}/members`);
    expect(members).toEqual([
      expect.objectContaining({ member_id: user?.id, scopes: ["projects:read"] }),
    ]);
    const provisioned = await eventsOf(system, issuerId, "user.sso.provisioned");
    expect(provisioned[0]?.data).toMatchObject({ org_id: org.id, scopes: ["projects:read"] });
    const joined = await eventsOf(system, issuerId, "organization.membership.created");
    expect(joined[0]?.data).toMatchObject({ org_id: org.id, member_id: user?.id });

    // Signed up once: the next sign-in through the IdP is the same user, still one membership.
    const again = await (await browser.newContext()).newPage();
    const finishAgain = await toOrganizationIdp(again, `grace@${host}`, "s-again");
    await again.getByLabel("Upstream username").fill("grace");
    await again.getByLabel("Upstream password").fill("idp-pass");
    await again.getByRole("button", { name: "Sign in upstream" }).click();
    await again.waitForURL(`${web.redirect_uri}**`);
    expect((await finishAgain()).sub).toBe(user?.id);
    expect(await api<Member[]>("GET", `/organizations/${org.id}/members`)).toHaveLength(1);
  });

  it("refuses a password for an sso_only user, with the way to single sign-on", async () => {
    await api("POST", "/users", {
      username_type: "email",
      username: `linus@${host}`,
      password: "a password that is refused 42",
    });
    const page = await (await browser.newContext()).newPage();
    await openSignIn(page, system, web, { state: "s-pwd", nonce: "n-pwd" });
    await page.getByLabel("Username").fill(`linus@${host}`);
    await page.getByLabel("Password").fill("a password that is refused 42");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect
      .poll(() => page.locator("[role=alert]").textContent())
      .toContain("Acme signs you in with single sign-on");
    expect(page.url()).not.toContain(web.redirect_uri);
    expect(await checkPage(page, "sso-only-refused")).toEqual(CLEAN);
    await page.getByRole("button", { name: "Continue with single sign-on" }).click();
    await page.getByLabel("Upstream username").waitFor();
  });

  it("tells an email no organization claims that single sign-on is not set up", async () => {
    const page = await (await browser.newContext()).newPage();
    await openSignIn(page, system, web, { state: "s-none", nonce: "n-none" });
    await page.getByLabel("Username").fill("someone@elsewhere.example");
    await page.getByRole("button", { name: "Continue with single sign-on" }).click();
    await expect
      .poll(() => page.locator("[role=alert]").textContent())
      .toContain("Single sign-on is not set up for this email address");
  });

  it("lets the organization's IdP answer only for verified addresses of its own domain", async () => {
    for (const [login, email] of [
      ["mallory", "ceo@elsewhere.example"],
      ["unsure", `unsure@${host}`],
    ]) {
      const page = await (await browser.newContext()).newPage();
      await toOrganizationIdp(page, `grace@${host}`, `s-${login}`);
      await page.getByLabel("Upstream username").fill(login as string);
      await page.getByLabel("Upstream password").fill("idp-pass");
      await page.getByRole("button", { name: "Sign in upstream" }).click();
      await expect
        .poll(() => page.locator("[role=alert]").textContent())
        .toContain("outside its domains");
      const found = await api<unknown[]>(
        "GET",
        `/users?username=${encodeURIComponent(email as string)}`,
      );
      expect(found, login).toEqual([]);
    }
  });

  it("links an existing user of the domain without a second proof and makes them a member", async () => {
    const [linus] = await api<{ id: string }[]>(
      "GET",
      `/users?username=${encodeURIComponent(`linus@${host}`)}`,
    );
    expect(linus).toBeDefined();
    const page = await (await browser.newContext()).newPage();
    const finish = await toOrganizationIdp(page, `linus@${host}`, "s-linus");
    await page.getByLabel("Upstream username").fill("linus");
    await page.getByLabel("Upstream password").fill("idp-pass");
    await page.getByRole("button", { name: "Sign in upstream" }).click();
    await page.waitForURL(`${web.redirect_uri}**`);
    expect((await finish()).sub).toBe(linus?.id);
    const linked = await eventsOf(system, issuerId, "user.sso.linked");
    expect(linked[0]?.data).toMatchObject({ org_id: org.id });
    const members = await api<Member[]>("GET", `/organizations/${org.id}/members`);
    expect(members.map((m) => m.member_id)).toContain(linus?.id);
  });
});
