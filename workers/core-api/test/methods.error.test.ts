import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { fillPath, openApiDoc } from "./support/openapi-doc.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

describe("methods a path does not have", () => {
  it("answer 405 with Allow in the envelope, on every documented path", {
    timeout: 60_000,
  }, async () => {
    let account = await seedAccount(DB);
    let calls = 0;
    const doc = await openApiDoc();
    const templates = Object.entries(doc.paths).map(([template, methods]) => ({
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`),
      methods: Object.keys(methods).map((m) => m.toUpperCase()),
    }));
    // `GET …/verifiers/complete-enrollment` is `GET …/verifiers/{verifier_id}`: not a 405.
    const servedElsewhere = (method: string, url: string) =>
      templates.some((t) => t.methods.includes(method) && t.pattern.test(url.split("?")[0] ?? ""));
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith("/v1/accounts/{account_id}")) continue;
      const documented = Object.keys(methods).map((m) => m.toUpperCase());
      // A fresh key now and then: the test pool allows 100 requests a minute per key.
      if (++calls % 15 === 0) account = await seedAccount(DB);
      const url = fillPath(path, account.accountId);
      // Allow names every method of every template the concrete path matches.
      const all = new Set(templates.filter((t) => t.pattern.test(url)).flatMap((t) => t.methods));
      const expected = [...all, ...(all.has("GET") ? ["HEAD"] : [])].sort();
      for (const method of METHODS.filter((m) => !documented.includes(m))) {
        if (servedElsewhere(method, url)) continue;
        const response = await apiCall(method, url, account.basicAuth);
        expect(response.status, `${method} ${path}`).toBe(405);
        expect(response.headers.get("allow"), `${method} ${path}`).toBe(expected.join(", "));
        expect(await response.json()).toMatchObject({ error: "method_not_allowed" });
      }
    }
  });

  it("keeps 404 for paths that do not exist, and 401 before either without a key", async () => {
    const account = await seedAccount(DB);
    const base = `/v1/accounts/${account.accountId}`;
    const missing = await apiCall("GET", `${base}/nothing-here`, account.basicAuth);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not_found" });
    expect((await apiCall("PUT", `${base}/issuers`, "Basic eDp5")).status).toBe(401);
  });
});
