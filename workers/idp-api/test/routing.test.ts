import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { issuerApp } from "../src/app.ts";

describe("routing", () => {
  it("serves every issuer path through Hono's RegExpRouter (one expression per method)", () => {
    expect(issuerApp.router.name).toBe("RegExpRouter");
    // The router builds its expressions on the first match: a route it cannot take throws here.
    const [handlers] = issuerApp.router.match("GET", "/iss_x/userinfo");
    expect(handlers.length).toBeGreaterThan(0);
  });

  it("keeps the root paths beside the issuers' ones, with their 405s and 404s", async () => {
    const health = await workerFetch("/healthz");
    expect(health.status).toBe(200);
    const script = await workerFetch("/assets/passkey.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("javascript");
    const post = await workerFetch("/healthz", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await workerFetch("/assets/nothing.js")).status).toBe(404);
    expect((await workerFetch("/")).status).toBe(404);
  });
});
