import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { field, post } from "./support/journeys.ts";

const bindings = env as unknown as Env;

async function authorize(extra: Record<string, string>, headers: Record<string, string> = {}) {
  const seeded = await seedIssuer(bindings.DB);
  const params = new URLSearchParams({
    client_id: seeded.web.client.id,
    redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
    response_type: "code",
    scope: "openid",
    state: "st",
    code_challenge: await client.calculatePKCECodeChallenge("v".repeat(43)),
    code_challenge_method: "S256",
    ...extra,
  });
  const browser = new TestBrowser();
  const response = await browser.fetch(`/${seeded.issuer.id}/authorize?${params}`, { headers });
  return { seeded, browser, page: await response.text() };
}

describe("the language of the hosted pages (OIDC Core §3.1.2.1 ui_locales, RFC 9110 §12.5.4)", () => {
  it("ui_locales chooses the login page's language, over Accept-Language, and the next step keeps it", async () => {
    const { seeded, browser, page } = await authorize(
      { ui_locales: "ja de" },
      { "accept-language": "fr" },
    );
    expect(page).toContain('<html lang="de">');
    expect(page).toContain("Bei test-issuer anmelden");
    // The form's POST carries no ui_locales: the interaction remembers it.
    const answer = await post(browser, `/${seeded.issuer.id}/login`, {
      request_id: field(page, "request_id"),
      csrf_token: field(page, "csrf_token"),
      username: "alice@example.com",
      password: "not the password",
    });
    const again = await answer.text();
    expect(again).toContain('<html lang="de">');
    expect(again).toContain("Benutzername oder Passwort falsch.");
  });

  it("Accept-Language chooses when ui_locales names no supported language", async () => {
    const { page } = await authorize({ ui_locales: "ja" }, { "accept-language": "fr-CA,fr;q=0.9" });
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain("Se connecter à test-issuer");
  });
});
