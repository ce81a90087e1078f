import { env } from "cloudflare:workers";
import { open } from "@authpi/domain/crypto";
import { memberships } from "@authpi/domain/db";
import {
  CreateInvitationInput,
  CreateOrganizationInput,
  createInvitation,
  createOrganization,
  INVITATION_TOKEN_PURPOSE,
} from "@authpi/domain/organizations";
import { seedIssuer } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { totpCode } from "./support/totp.ts";

const bindings = env as unknown as Env;

function field(page: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1];
  if (!value) throw new Error(`no ${name} in page: ${page.slice(0, 400)}`);
  return value;
}

function post(browser: TestBrowser, path: string, body: Record<string, string>) {
  return browser.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });
}

describe("an invitation to an enforce_2fa organization", () => {
  it("enrolls a second factor before the membership exists", async () => {
    const s = await seedIssuer(bindings.DB);
    const org = await createOrganization(
      s.db,
      s.ctx,
      s.issuer.id,
      CreateOrganizationInput.parse({ name: "Acme", security: { enforce_2fa: true } }),
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
    const path = `/${s.issuer.id}/invitations/accept`;
    const browser = new TestBrowser();
    const link = await (await browser.fetch(`${path}?token=${encodeURIComponent(token)}`)).text();
    const csrf = field(link, "csrf_token");
    const enroll = await post(browser, path, {
      token,
      csrf_token: csrf,
      password: "a long new password",
    });
    expect(enroll.status).toBe(200);
    const page = await enroll.text();
    expect(page).toContain('src="data:image/svg+xml;base64,');
    const members = () => s.db.select().from(memberships).where(eq(memberships.orgId, org.id));
    expect(await members()).toHaveLength(0);
    const secret =
      /<code id="secret"[^>]*>(.+?)<\/code>/.exec(page)?.[1]?.replace(/<[^>]+>| /g, "") ?? "";
    const codes = await post(browser, `/${s.issuer.id}/login/enroll`, {
      request_id: field(page, "request_id"),
      csrf_token: csrf,
      code: totpCode(secret, Date.now()),
    });
    const codesPage = await codes.text();
    expect(codesPage.match(/<li><code>/g)).toHaveLength(10);
    const joined = await post(browser, `/${s.issuer.id}/login/continue`, {
      request_id: field(codesPage, "request_id"),
      csrf_token: csrf,
    });
    expect(joined.status).toBe(200);
    expect(await joined.text()).toContain("You joined Acme");
    expect(await members()).toHaveLength(1);
  });
});
