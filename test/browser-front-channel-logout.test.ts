import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import * as client from "openid-client";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser tests skipped: ${noBrowser}`);

describe.skipIf(Boolean(noBrowser))(
  "front- and back-channel logout in a real browser (Chromium)",
  () => {
    let system: SystemEndpoints;
    let browser: Browser;
    let rp: Server;
    let origin: string;
    let config: client.Configuration;
    const logoutHits: URL[] = [];
    const logoutTokens: string[] = [];

    beforeAll(async () => {
      system = sharedSystem();
      // The relying party: its callback, its front-channel logout URI and its goodbye page.
      rp = createServer((req, res) => {
        const url = new URL(req.url ?? "/", origin);
        if (url.pathname === "/fc") logoutHits.push(url);
        if (url.pathname === "/bc" && req.method === "POST") {
          let body = "";
          req.on("data", (chunk) => {
            body += chunk;
          });
          req.on("end", () => {
            logoutTokens.push(new URLSearchParams(body).get("logout_token") ?? "");
            res.end();
          });
          return;
        }
        res.setHeader("content-type", "text/html");
        res.end(`<!doctype html><title>rp</title><p>${url.pathname}</p>`);
      });
      await new Promise<void>((resolve) => rp.listen(0, "127.0.0.1", resolve));
      origin = `http://127.0.0.1:${(rp.address() as AddressInfo).port}`;
      const created = await fetch(
        `${system.coreUrl}/v1/accounts/${system.seed.account_id}/issuers/${system.seed.issuer_id}/clients`,
        {
          method: "POST",
          headers: { authorization: system.basicAuth, "content-type": "application/json" },
          body: JSON.stringify({
            name: "front-channel logout test",
            type: "web",
            settings: {
              redirect_uris: [`${origin}/callback`],
              post_logout_redirect_uris: [`${origin}/bye`],
              frontchannel_logout_uri: `${origin}/fc`,
              frontchannel_logout_session_required: true,
              backchannel_logout_uri: `${origin}/bc`,
            },
          }),
        },
      );
      const { data } = (await created.json()) as { data: { id: string; secret: string } };
      const issuer = `${system.idpUrl}/${system.seed.issuer_id}`;
      config = await client.discovery(new URL(issuer), data.id, data.secret, undefined, {
        execute: [client.allowInsecureRequests],
      });
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: ["--no-sandbox"],
      });
    });
    afterAll(async () => {
      await browser?.close();
      rp?.close();
    });

    /** Signs in through the hosted page; returns the validated ID token's sid and the token. */
    async function signIn(page: Page) {
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: `${origin}/callback`,
        scope: "openid",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state: "st",
        nonce: "nn",
      });
      await page.goto(url.href);
      await page.fill("#username", system.seed.user.username);
      await page.fill("#password", system.seed.user.password);
      await Promise.all([
        page.waitForURL(`${origin}/callback**`),
        page.click("button[type=submit]"),
      ]);
      const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
        pkceCodeVerifier: verifier,
        expectedState: "st",
        expectedNonce: "nn",
      });
      return { sid: tokens.claims()?.sid as string, idToken: tokens.id_token as string };
    }

    it("loads the RP's logout URI with iss and sid under the page's CSP, and the page is accessible", async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      const { sid, idToken } = await signIn(page);
      logoutHits.length = 0;
      await page.goto(client.buildEndSessionUrl(config, { id_token_hint: idToken }).href);
      await expect.poll(() => logoutHits.length).toBe(1);
      expect(logoutHits[0]?.searchParams.get("sid")).toBe(sid);
      expect(logoutHits[0]?.searchParams.get("iss")).toBe(
        `${system.idpUrl}/${system.seed.issuer_id}`,
      );
      await expect.poll(() => page.locator("h1").textContent()).toBe("You are signed out.");
      expect(await checkPage(page, "front-channel-logout")).toEqual(CLEAN);
      expect(violations).toEqual([]);
      await page.close();
    });

    it("delivers a logout token to the back-channel URI through the queue and the dispatcher", async () => {
      const page = await browser.newPage();
      const { sid, idToken } = await signIn(page);
      // The other tests' logouts are delivered too, on their own time: pick this session's.
      const forThisSession = () => logoutTokens.filter((t) => decodeJwt(t).sid === sid);
      await page.goto(client.buildEndSessionUrl(config, { id_token_hint: idToken }).href);
      await expect.poll(() => forThisSession().length, { timeout: 15_000 }).toBe(1);
      const issuer = `${system.idpUrl}/${system.seed.issuer_id}`;
      const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks.json`));
      const { payload, protectedHeader } = await jwtVerify(forThisSession()[0] as string, jwks, {
        issuer,
        audience: config.clientMetadata().client_id,
      });
      expect(protectedHeader.typ).toBe("logout+jwt");
      expect(payload.sid).toBe(sid);
      expect(payload.events).toEqual({ "http://schemas.openid.net/event/backchannel-logout": {} });
      expect(payload).not.toHaveProperty("nonce");
      await page.close();
    });

    it("goes on to the post-logout redirect URI once the RP's frame has loaded", async () => {
      const page = await browser.newPage();
      const { sid, idToken } = await signIn(page);
      logoutHits.length = 0;
      const url = client.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: `${origin}/bye`,
        state: "after",
      });
      await Promise.all([page.waitForURL(`${origin}/bye?state=after`), page.goto(url.href)]);
      expect(logoutHits.map((hit) => hit.searchParams.get("sid"))).toEqual([sid]);
      await page.close();
    });
  },
);
