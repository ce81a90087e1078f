import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import * as client from "openid-client";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;
const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser passkey tests skipped: ${noBrowser}`);

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

describe.skipIf(Boolean(noBrowser))(
  "passkeys in a real browser (Chromium virtual authenticator)",
  () => {
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

    /** Opens the hosted sign-in for the web client; `finish` redeems the code with openid-client. */
    async function start(page: Page, extra: Record<string, string> = {}) {
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
        state: "pk-state",
        nonce: "pk-nonce",
        ...extra,
      });
      await page.goto(url.href);
      return async () => {
        const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
          pkceCodeVerifier: verifier,
          expectedState: "pk-state",
          expectedNonce: "pk-nonce",
        });
        return tokens.claims() as client.IDToken;
      };
    }

    beforeAll(async () => {
      system = await startSeededSystem();
      base = `${system.coreUrl}/v1/accounts/${system.seed.account_id}/issuers/${system.seed.issuer_id}`;
      callbackServer = createServer((_req, res) => res.end("callback reached"));
      await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
      const redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
      const created = await api<{ id: string; secret: string }>("POST", "/clients", {
        name: "browser passkey test",
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

    it("adds a passkey at enrollment, signs out, signs in usernameless through autofill and with the button; amr checked", async () => {
      const password = "a long password for carol";
      const user = await api<{ id: string }>("POST", "/users", {
        username_type: "email",
        username: "carol@example.com",
        password,
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("WebAuthn.enable");
      const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
        options: {
          protocol: "ctap2",
          transport: "internal",
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      });

      // acr_values=mfa and no factor yet: the enrollment step, which offers a passkey.
      const enrolled = await start(page, { acr_values: "mfa" });
      expect(await page.locator("#username").getAttribute("autocomplete")).toBe(
        "username webauthn",
      );
      await page.getByRole("button", { name: "Continue with a passkey" }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.fill("#username", "carol@example.com");
      await page.fill("#password", password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      const add = page.getByRole("button", { name: "Add a passkey" });
      await add.waitFor();
      expect(await axeViolations(page)).toEqual([]);
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
  },
);
