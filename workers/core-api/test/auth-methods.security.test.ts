import { env } from "cloudflare:workers";
import { open } from "@authpi/domain/crypto";
import { authMethods } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { TEST_SECRETS } from "@authpi/testkit/test-secrets";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;
const SECRET = "upstream-client-secret-9f8e7d6c5b4a";

describe("issuer auth methods: secrets and other issuers", () => {
  it("seals an oauth2 client secret and never returns it", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods`;
    const created = await apiCall("POST", base, s.basicAuth, {
      name: "GitHub",
      method: "oauth2",
      enabled: false,
      settings: { provider: "github", client_id: "Iv1.abc", client_secret: SECRET },
    });
    const createdText = await created.text();
    const { data } = JSON.parse(createdText) as {
      data: { id: string; client_secret_set: boolean };
    };
    expect(data.client_secret_set).toBe(true);
    const texts = [
      createdText,
      await (await apiCall("GET", base, s.basicAuth)).text(),
      await (await apiCall("GET", `${base}/${data.id}`, s.basicAuth)).text(),
      await (
        await apiCall("PATCH", `${base}/${data.id}`, s.basicAuth, {
          settings: { scopes: ["openid"] },
        })
      ).text(),
    ];
    for (const text of texts) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('client_secret"');
    }
    const [row] = await s.db.select().from(authMethods).where(eq(authMethods.id, data.id));
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(
      await open(
        TEST_SECRETS.KEY_ENCRYPTION_SECRET,
        "auth-method-client-secret",
        row?.clientSecretSealed as string,
      ),
    ).toBe(SECRET);

    const cleared = await apiCall("PATCH", `${base}/${data.id}`, s.basicAuth, {
      settings: { client_secret: null },
    });
    expect((await dataOf<{ client_secret_set: boolean }>(cleared)).client_secret_set).toBe(false);
  });

  it("never reaches another issuer's auth method, even in the same account", async () => {
    const s = await seedIssuer(DB);
    const other = await dataOf<{ id: string }>(
      await apiCall("POST", `/v1/accounts/${s.accountId}/issuers`, s.basicAuth, { name: "other" }),
    );
    const [theirs] = await dataOf<{ id: string }[]>(
      await apiCall(
        "GET",
        `/v1/accounts/${s.accountId}/issuers/${other.id}/auth-methods`,
        s.basicAuth,
      ),
    );
    const mine = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/auth-methods/${theirs?.id}`;
    expect((await apiCall("GET", mine, s.basicAuth)).status).toBe(404);
    expect((await apiCall("PATCH", mine, s.basicAuth, { enabled: false })).status).toBe(404);
    expect((await apiCall("DELETE", mine, s.basicAuth)).status).toBe(404);
    const still = await dataOf<{ enabled: boolean }>(
      await apiCall(
        "GET",
        `/v1/accounts/${s.accountId}/issuers/${other.id}/auth-methods/${theirs?.id}`,
        s.basicAuth,
      ),
    );
    expect(still.enabled).toBe(true);
  });
});
