import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { fillPath, openApiDoc, operationsOf } from "./support/openapi-doc.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("unknown query parameters", () => {
  it("are a 422 naming them on every route, before anything else happens", {
    timeout: 60_000,
  }, async () => {
    let s = await seedIssuer(DB);
    let calls = 0;
    for (const { method, path } of operationsOf(await openApiDoc())) {
      if (!path.startsWith("/v1/accounts/{account_id}")) continue;
      // A fresh key now and then: the test pool allows 100 requests a minute per key.
      if (++calls % 40 === 0) s = await seedIssuer(DB);
      const ids = { issuer_id: s.issuer.id };
      const url = `${fillPath(path, s.accountId, ids)}?colour=blue&limit=5`;
      const body = method === "GET" || method === "DELETE" ? undefined : {};
      const response = await apiCall(method, url, s.basicAuth, body);
      expect(response.status, `${method} ${path}`).toBe(422);
      const error = (await response.json()) as { fields: { field: string; code: string }[] };
      expect(error.fields, `${method} ${path}`).toContainEqual(
        expect.objectContaining({ field: "colour", code: "unknown_field" }),
      );
    }
  });

  it("still accepts the documented ones", async () => {
    const s = await seedIssuer(DB);
    const r = await apiCall("GET", `/v1/accounts/${s.accountId}/issuers?limit=5`, s.basicAuth);
    expect(r.status).toBe(200);
  });
});
