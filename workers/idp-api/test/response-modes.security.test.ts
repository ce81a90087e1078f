import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { field } from "./support/journeys.ts";
import { authorizeWith, postedForm } from "./support/response-mode-flow.ts";

const bindings = env as unknown as Env;

describe("response modes cannot be bent", () => {
  it("an unknown response_mode is refused, in the default (query) mode", async () => {
    const seeded = await seedIssuer(bindings.DB);
    for (const mode of ["jwt", "web_message", "FORM_POST", ""]) {
      const flow = await authorizeWith(seeded, { response_mode: mode });
      expect(flow.response.status).toBe(302);
      const location = new URL(flow.response.headers.get("location") as string);
      expect(location.origin + location.pathname).toBe(flow.redirectUri);
      expect(location.searchParams.get("error")).toBe("invalid_request");
      expect(location.searchParams.get("code")).toBeNull();
      expect(location.hash).toBe("");
    }
  });

  it("a repeated response_mode is refused rather than one of them picked", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const query = new URLSearchParams({
      client_id: seeded.web.client.id,
      redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
      response_type: "code",
      scope: "openid",
    });
    query.append("response_mode", "fragment");
    query.append("response_mode", "form_post");
    const response = await new TestBrowser().fetch(`/${seeded.issuer.id}/authorize?${query}`);
    const location = new URL(response.headers.get("location") as string);
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("error_description")).toContain("response_mode");
  });

  it("form_post escapes what the client sent and posts only to the registered redirect URI", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const state = `"><script>alert(1)</script><form action="https://evil.example">`;
    const flow = await authorizeWith(seeded, { response_mode: "form_post", state });
    const page = await flow.response.text();
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).not.toContain('action="https://evil.example"');
    expect(page.match(/<script/g)).toHaveLength(1);
    const form = postedForm(page);
    expect(form.action).toBe(flow.redirectUri);
    expect(form.fields.get("state")).toBe(state);
    const csp = flow.response.headers.get("content-security-policy") ?? "";
    expect(csp).not.toContain("evil.example");
  });

  it("the way back from an error page keeps the form_post mode: a form, never a query link", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const open = async () => {
      const browser = new TestBrowser();
      const query = new URLSearchParams({
        client_id: seeded.web.client.id,
        redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
        response_type: "code",
        response_mode: "form_post",
        scope: "openid",
        state: "st",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      });
      const response = await browser.fetch(`/${seeded.issuer.id}/authorize?${query}`);
      return { browser, page: await response.text() };
    };
    const victim = await open();
    const attacker = await open();
    const response = await attacker.browser.fetch(`/${seeded.issuer.id}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        request_id: field(victim.page, "request_id"),
        csrf_token: field(attacker.page, "csrf_token"),
        username: "alice@example.com",
        password: seeded.password,
      }),
    });
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).not.toContain("error=access_denied");
    expect(page).toContain(
      '<form class="back" method="post" action="https://app.example.com/callback">',
    );
    expect(page).toContain('name="error" value="access_denied"');
    expect(page).not.toContain('name="code"');
    expect(response.headers.get("content-security-policy")).toContain(
      "form-action 'self' https://app.example.com",
    );
  });
});
