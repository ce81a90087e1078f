import { env } from "cloudflare:workers";
import { grantConsent } from "@authpi/domain/consents";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerStoreOf, openSessions } from "@authpi/testkit/many-sessions";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

// A client known by its metadata document URL (docs/client-id-metadata.md) is not a stored row.
const URL_CLIENT = "https://mcp.example.com/oauth/client.json";

describe("a consent to a URL client", () => {
  it("is listed under the URL (no name) and withdrawn by the percent-encoded URL", async () => {
    const s = await seedIssuer(DB);
    await grantConsent(s.db, s.ctx, s.issuer.id, s.user.id, URL_CLIENT, ["openid"]);
    const [, rp] = await openSessions(s.issuer.id, s.user.id, URL_CLIENT, { ops: 1, rpsPerOp: 1 });
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/consents`;
    const listed = await dataOf<{ client_id: string; kind: string; client_name: null }[]>(
      await apiCall("GET", base, s.basicAuth),
    );
    expect(listed).toMatchObject([{ client_id: URL_CLIENT, kind: "client", client_name: null }]);

    const deleted = await apiCall(
      "DELETE",
      `${base}/${encodeURIComponent(URL_CLIENT)}`,
      s.basicAuth,
    );
    expect(deleted.status).toBe(204);
    expect((await issuerStoreOf(s.issuer.id).getSession(rp as string, Date.now()))?.status).toBe(
      "revoked",
    );
    expect(await dataOf<unknown[]>(await apiCall("GET", base, s.basicAuth))).toEqual([]);
  });
});
