import { env, exports } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import { loginForm, TestBrowser } from "./support/browser.ts";
import type { Seeded } from "./support/login-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

function authorizeUrl(seeded: Seeded, overrides: Record<string, string | null> = {}) {
  const params: Record<string, string> = {
    client_id: seeded.web.client.id,
    redirect_uri: "https://app.example.com/callback",
    response_type: "code",
    scope: "openid",
    state: "xyz",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete params[key];
    else params[key] = value;
  }
  return `/${seeded.issuer.id}/authorize?${new URLSearchParams(params)}`;
}

function redirectParams(response: Response) {
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") as string).searchParams;
}

describe("authorize endpoint security", () => {
  it.each([
    ["prefix", "https://app.example.com/callbac"],
    ["suffix", "https://app.example.com/callbackx"],
    ["case", "https://APP.example.com/Callback"],
    ["encoded", "https://app.example.com/%63allback"],
    ["extra path", "https://app.example.com/callback/extra"],
    ["query", "https://app.example.com/callback?next=evil"],
    ["scheme", "http://app.example.com/callback"],
    ["other host", "https://app.example.com.evil.test/callback"],
  ])("refuses a look-alike redirect URI (%s) with a page, never a redirect", async (_name, uri) => {
    const seeded = await seedIssuer(DB);
    const response = await new TestBrowser().fetch(authorizeUrl(seeded, { redirect_uri: uri }));
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("redirect_uri is not registered");
  });

  it("refuses an unknown client with a page", async () => {
    const seeded = await seedIssuer(DB);
    const other = await seedIssuer(DB);
    const response = await new TestBrowser().fetch(
      authorizeUrl(seeded, { client_id: other.web.client.id }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("requires PKCE S256 for public clients and refuses plain", async () => {
    const seeded = await seedIssuer(DB);
    const browser = new TestBrowser();
    const spa = { client_id: seeded.spa.client.id, redirect_uri: "http://localhost:5173/callback" };
    const missing = redirectParams(
      await browser.fetch(
        authorizeUrl(seeded, { ...spa, code_challenge: null, code_challenge_method: null }),
      ),
    );
    expect(missing.get("error")).toBe("invalid_request");
    expect(missing.get("state")).toBe("xyz");
    expect(missing.get("iss")).toBe(`http://localhost:8787/${seeded.issuer.id}`);
    const plain = redirectParams(
      await browser.fetch(authorizeUrl(seeded, { ...spa, code_challenge_method: "plain" })),
    );
    expect(plain.get("error")).toBe("invalid_request");
  });

  it("refuses other response types and unknown scopes by redirect", async () => {
    const seeded = await seedIssuer(DB);
    const browser = new TestBrowser();
    const token = redirectParams(
      await browser.fetch(authorizeUrl(seeded, { response_type: "token" })),
    );
    expect(token.get("error")).toBe("unsupported_response_type");
    const scope = redirectParams(
      await browser.fetch(authorizeUrl(seeded, { scope: "openid admin:everything" })),
    );
    expect(scope.get("error")).toBe("invalid_scope");
  });

  it("prompt=none without a session is login_required", async () => {
    const seeded = await seedIssuer(DB);
    const params = redirectParams(
      await new TestBrowser().fetch(authorizeUrl(seeded, { prompt: "none" })),
    );
    expect(params.get("error")).toBe("login_required");
    expect(params.get("state")).toBe("xyz");
  });

  it("serves the sign-in page with CSP, no framing and no referrer", async () => {
    const seeded = await seedIssuer(DB);
    const response = await new TestBrowser().fetch(authorizeUrl(seeded));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("sets cookies HttpOnly, SameSite=Lax and Secure on https", async () => {
    const seeded = await seedIssuer(DB);
    const worker = (exports as unknown as { default: Fetcher }).default;
    const response = await worker.fetch(
      new Request(`https://idp.example.com${authorizeUrl(seeded)}`),
    );
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("authpi_csrf=")) ?? "";
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
  });
});

describe("hosted sign-in security", () => {
  it("refuses a form without the CSRF token or with another browser's token", async () => {
    const seeded = await seedIssuer(DB);
    const browser = new TestBrowser();
    const page = await (await browser.fetch(authorizeUrl(seeded))).text();
    const missing = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
      "",
    );
    expect(missing.status).toBe(403);
    const attacker = new TestBrowser();
    const attackerPage = await (await attacker.fetch(authorizeUrl(seeded))).text();
    const foreign = /name="csrf_token" value="([^"]+)"/.exec(attackerPage)?.[1] as string;
    const forged = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
      foreign,
    );
    expect(forged.status).toBe(403);
    expect(browser.cookies.has("authpi_session")).toBe(false);
  });

  it("refuses another browser's sign-in form (login CSRF) and a token bound to another request", async () => {
    const seeded = await seedIssuer(DB);
    const attacker = new TestBrowser();
    const attackerPage = await (await attacker.fetch(authorizeUrl(seeded))).text();
    const victim = new TestBrowser();
    const victimPage = await (await victim.fetch(authorizeUrl(seeded))).text();
    const replayed = await victim.submitLogin(
      seeded.issuer.id,
      attackerPage,
      "alice@example.com",
      seeded.password,
    );
    expect(replayed.status).toBe(403);
    const ownToken = loginForm(victimPage).csrfToken;
    const crossBound = await victim.fetch(`/${seeded.issuer.id}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        request_id: loginForm(attackerPage).requestId,
        csrf_token: ownToken,
        username: "alice@example.com",
        password: seeded.password,
      }),
    });
    expect(crossBound.status).toBe(403);
    expect(victim.cookies.has("authpi_session")).toBe(false);
  });

  it("locks a credential after 5 failures, without telling whether the account exists", async () => {
    const seeded = await seedIssuer(DB);
    const browser = new TestBrowser();
    const page = await (await browser.fetch(authorizeUrl(seeded))).text();
    const texts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const wrong = await browser.submitLogin(
        seeded.issuer.id,
        page,
        "alice@example.com",
        "wrong password",
      );
      texts.push(await wrong.text());
    }
    expect(texts[0]).toContain("Incorrect username or password");
    expect(texts[4]).toContain("Too many failed attempts");
    const right = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
    );
    expect(right.status).toBe(403);
    expect(await right.text()).toContain("Too many failed attempts");

    const unknown = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "nobody@example.com",
      "whatever",
    );
    const known = await browser.submitLogin(seeded.issuer.id, page, "ALICE@example.com ", "wrong");
    expect(unknown.status).toBe(401);
    const message = (html: string) => /role="alert">([^<]+)</.exec(html)?.[1];
    expect(message(await unknown.text())).toBe("Incorrect username or password.");
    expect(known.status).toBe(403);
  });

  it("a good password signs in and redirects with code, state, iss and session_state", async () => {
    const seeded = await seedIssuer(DB);
    const browser = new TestBrowser();
    const page = await (await browser.fetch(authorizeUrl(seeded))).text();
    const response = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
    );
    expect(response.status).toBe(303);
    const params = new URL(response.headers.get("location") as string).searchParams;
    expect(params.get("code")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get("state")).toBe("xyz");
    expect(params.get("iss")).toBe(`http://localhost:8787/${seeded.issuer.id}`);
    expect(params.get("session_state")).toMatch(/\./);
    expect(browser.cookies.get("authpi_session")).toMatch(/^s_/);
  });

  it("prompt=login and max_age=0 ask again despite a session", async () => {
    const seeded = await seedIssuer(DB);
    const browser = new TestBrowser();
    const page = await (await browser.fetch(authorizeUrl(seeded))).text();
    await browser.submitLogin(seeded.issuer.id, page, "alice@example.com", seeded.password);
    expect((await browser.fetch(authorizeUrl(seeded))).status).toBe(302);
    expect((await browser.fetch(authorizeUrl(seeded, { prompt: "login" }))).status).toBe(200);
    expect((await browser.fetch(authorizeUrl(seeded, { max_age: "0" }))).status).toBe(200);
  });
});
