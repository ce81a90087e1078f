import { env } from "cloudflare:workers";
import { seedAccount, seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;
type Settings = Record<string, unknown> & { access: { mode: string }; allow_new_users: boolean };

async function patchSettings(settings: unknown) {
  const s = await seedIssuer(DB);
  const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
  const patch = (body: unknown) => apiCall("PATCH", path, s.basicAuth, { settings: body });
  return { response: await patch(settings), patch, path, s };
}

describe("issuer signup settings (docs/decisions/signup.md)", () => {
  it("creates an issuer with the signup policy fields and their defaults", async () => {
    const account = await seedAccount(DB);
    const created = await apiCall(
      "POST",
      `/v1/accounts/${account.accountId}/issuers`,
      account.basicAuth,
      {
        name: "signup-defaults",
      },
    );
    expect(created.status).toBe(201);
    const { settings } = await dataOf<{ settings: Settings }>(created);
    expect(settings).toMatchObject({
      allow_new_users: false,
      verify_email_address_on_signup: false,
      create_new_org_on_signup: false,
      access: { mode: "invite_only" },
      portals: {
        enable_signup: true,
        enable_login: true,
        enable_password_reset: true,
        enable_profile: true,
      },
      signup: { allowed_email_domains: [] },
    });
  });

  it("allow_new_users=true turns access.mode to open, and false takes it back to invite_only", async () => {
    const { response, patch } = await patchSettings({ allow_new_users: true });
    expect(response.status).toBe(200);
    expect((await dataOf<{ settings: Settings }>(response)).settings).toMatchObject({
      allow_new_users: true,
      access: { mode: "open" },
    });
    const off = await dataOf<{ settings: Settings }>(await patch({ allow_new_users: false }));
    expect(off.settings).toMatchObject({ allow_new_users: false, access: { mode: "invite_only" } });
    const closed = await dataOf<{ settings: Settings }>(
      await patch({ access: { mode: "closed" } }),
    );
    expect(closed.settings).toMatchObject({ allow_new_users: false, access: { mode: "closed" } });
    const stillClosed = await dataOf<{ settings: Settings }>(
      await patch({ allow_new_users: false }),
    );
    expect(stillClosed.settings.access.mode).toBe("closed");
    const open = await dataOf<{ settings: Settings }>(await patch({ access: { mode: "open" } }));
    expect(open.settings.allow_new_users).toBe(true);
  });

  it("refuses allow_new_users and access.mode that contradict each other, naming both", async () => {
    for (const settings of [
      { allow_new_users: true, access: { mode: "invite_only" } },
      { allow_new_users: false, access: { mode: "open" } },
    ]) {
      const { response, path, s } = await patchSettings(settings);
      expect(response.status).toBe(422);
      const body = (await response.json()) as { fields: { field: string }[] };
      expect(body.fields.map((f) => f.field)).toEqual([
        "settings.allow_new_users",
        "settings.access.mode",
      ]);
      const after = await dataOf<{ settings: Settings }>(await apiCall("GET", path, s.basicAuth));
      expect(after.settings.access.mode).toBe("invite_only");
    }
    const account = await seedAccount(DB);
    const refused = await apiCall(
      "POST",
      `/v1/accounts/${account.accountId}/issuers`,
      account.basicAuth,
      {
        name: "contradiction",
        settings: { allow_new_users: true, access: { mode: "closed" } },
      },
    );
    expect(refused.status).toBe(422);
    const agreeing = await apiCall(
      "POST",
      `/v1/accounts/${account.accountId}/issuers`,
      account.basicAuth,
      {
        name: "agreeing",
        settings: { allow_new_users: true, access: { mode: "open" } },
      },
    );
    expect(agreeing.status).toBe(201);
  });

  it("stores portals and allowed email domains (lower-cased), and refuses bad values by name", async () => {
    const { response, patch } = await patchSettings({
      verify_email_address_on_signup: true,
      create_new_org_on_signup: true,
      portals: { enable_signup: false, signup_page_url: "https://app.example.com/join" },
      signup: { allowed_email_domains: ["Example.COM", "corp.example.org"] },
    });
    expect(response.status).toBe(200);
    expect((await dataOf<{ settings: Settings }>(response)).settings).toMatchObject({
      verify_email_address_on_signup: true,
      create_new_org_on_signup: true,
      portals: {
        enable_signup: false,
        signup_page_url: "https://app.example.com/join",
        enable_login: true,
      },
      signup: { allowed_email_domains: ["example.com", "corp.example.org"] },
    });
    for (const [settings, field] of [
      [{ portals: { enable_signup: "yes" } }, "settings.portals.enable_signup"],
      [{ portals: { bogus: true } }, "settings.portals"],
      [{ portals: { login_page_url: "not a url" } }, "settings.portals.login_page_url"],
      [
        { signup: { allowed_email_domains: ["@example.com"] } },
        "settings.signup.allowed_email_domains.0",
      ],
      [
        { signup: { allowed_email_domains: ["a.com", "A.com"] } },
        "settings.signup.allowed_email_domains",
      ],
      [{ verify_email_address_on_signup: "true" }, "settings.verify_email_address_on_signup"],
    ] as const) {
      const bad = await patch(settings);
      expect(bad.status, JSON.stringify(settings)).toBe(422);
      const body = (await bad.json()) as { error_description: string };
      expect(body.error_description).toContain(field);
    }
    const reset = await dataOf<{ settings: Settings }>(
      await patch({ portals: { signup_page_url: null, enable_signup: null } }),
    );
    expect(reset.settings).toMatchObject({ portals: { enable_signup: true } });
    expect((reset.settings.portals as Record<string, unknown>).signup_page_url).toBeUndefined();
  });
});
