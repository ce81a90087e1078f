import { env, exports } from "cloudflare:workers";
import { CreateClientInput, createClient } from "@authpi/domain/clients";
import { open } from "@authpi/domain/crypto";
import {
  CreateInvitationInput,
  CreateOrganizationInput,
  createInvitation,
  createOrganization,
  INVITATION_TOKEN_PURPOSE,
} from "@authpi/domain/organizations";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import type { Seeded } from "./support/login-flow.ts";

const bindings = env as unknown as Env;
const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

function authorizePath(seeded: Seeded, clientId: string, redirectUri: string) {
  const params = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
  });
  return `/${seeded.issuer.id}/authorize?${params}`;
}

function fetchAt(origin: string, path: string): Promise<Response> {
  const worker = (exports as unknown as { default: Fetcher }).default;
  return worker.fetch(new Request(`${origin}${path}`));
}

/** The CSP as directive name → its sources. */
function csp(response: Response): Map<string, string[]> {
  const header = response.headers.get("content-security-policy") ?? "";
  return new Map(
    header
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe("hosted page security headers", () => {
  it("sends HSTS over https on pages and API responses, never over plain http (RFC 6797 §7.2)", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const page = authorizePath(seeded, seeded.web.client.id, "https://app.example.com/callback");
    const discovery = `/${seeded.issuer.id}/.well-known/openid-configuration`;
    for (const path of [page, discovery]) {
      const secure = await fetchAt("https://idp.example.com", path);
      expect(secure.headers.get("strict-transport-security")).toBe(
        "max-age=31536000; includeSubDomains",
      );
      const plain = await fetchAt("http://idp.example.com", path);
      expect(plain.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("lets the sign-in form post only to our origin and the redirect URI's origin it answers with", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const browser = new TestBrowser();
    const web = await browser.fetch(
      authorizePath(seeded, seeded.web.client.id, "https://app.example.com/callback"),
    );
    expect(web.status).toBe(200);
    expect(csp(web).get("form-action")).toEqual(["'self'", "https://app.example.com"]);
    expect(csp(web).get("default-src")).toEqual(["'none'"]);
    expect(csp(web).get("frame-ancestors")).toEqual(["'none'"]);

    const failed = await browser.submitLogin(
      seeded.issuer.id,
      await web.text(),
      "alice@example.com",
      "wrong password",
    );
    expect(failed.status).toBe(401);
    expect(csp(failed).get("form-action")).toEqual(["'self'", "https://app.example.com"]);

    const spa = await new TestBrowser().fetch(
      authorizePath(seeded, seeded.spa.client.id, "http://localhost:5173/callback"),
    );
    expect(csp(spa).get("form-action")).toEqual(["'self'", "http://localhost:5173"]);
  });

  it("names a native app's private-use scheme as a scheme source", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const native = await createClient(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateClientInput.parse({
        name: "native",
        type: "native",
        settings: { redirect_uris: ["com.example.app:/oauth2redirect"] },
      }),
    );
    const page = await new TestBrowser().fetch(
      authorizePath(seeded, native.client.id, "com.example.app:/oauth2redirect"),
    );
    expect(page.status).toBe(200);
    expect(csp(page).get("form-action")).toEqual(["'self'", "com.example.app:"]);
  });

  it("allows the page's one inline style by the nonce the CSP names", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const page = await new TestBrowser().fetch(
      authorizePath(seeded, seeded.web.client.id, "https://app.example.com/callback"),
    );
    const nonce = /<style nonce="([^"]+)">/.exec(await page.text())?.[1];
    expect(nonce).toBeTruthy();
    expect(csp(page).get("style-src")).toEqual([`'nonce-${nonce}'`]);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps the invitation form, which answers with a page, to our own origin", async () => {
    const s = await seedIssuer(bindings.DB);
    const org = await createOrganization(
      s.db,
      s.ctx,
      s.issuer.id,
      CreateOrganizationInput.parse({ name: "Acme" }),
    );
    const row = await createInvitation(
      s.db,
      s.ctx,
      bindings.KEY_ENCRYPTION_SECRET,
      { issuerId: s.issuer.id, orgId: org.id },
      CreateInvitationInput.parse({ email_invited: "new@example.com", scopes: ["projects:read"] }),
    );
    const token = await open(
      bindings.KEY_ENCRYPTION_SECRET,
      INVITATION_TOKEN_PURPOSE,
      row.tokenSealed,
    );
    const page = await new TestBrowser().fetch(
      `/${s.issuer.id}/invitations/accept?token=${encodeURIComponent(token)}`,
    );
    expect(page.status).toBe(200);
    expect(csp(page).get("form-action")).toEqual(["'self'"]);
  });
});
