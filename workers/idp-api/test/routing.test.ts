import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { issuerApp, machineApp } from "../src/app.ts";

describe("routing", () => {
  it("serves every issuer path through Hono's RegExpRouter (one expression per method)", () => {
    for (const [app, path] of [
      [machineApp, "/iss_x/userinfo"],
      [issuerApp, "/iss_x/authorize"],
    ] as const) {
      expect(app.router.name).toBe("RegExpRouter");
      // The router builds its expressions on the first match: a route it cannot take throws here.
      const [handlers] = app.router.match("GET", path);
      expect(handlers.length).toBeGreaterThan(0);
    }
  });

  it("keeps the machine endpoints apart from the pages: neither app holds the other's routes", () => {
    const paths = (app: typeof machineApp) => new Set(app.routes.map((route) => route.path));
    const machine = paths(machineApp);
    const pages = paths(issuerApp);
    for (const path of ["/:issuer_id/token", "/:issuer_id/userinfo", "/:issuer_id/jwks.json"]) {
      expect(machine.has(path)).toBe(true);
      expect(pages.has(path)).toBe(false);
    }
    expect(machine.has("/:issuer_id/authorize")).toBe(false);
    expect(pages.has("/:issuer_id/authorize")).toBe(true);
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

  it("answers a machine endpoint's other methods with 405 and a page path's with its own", async () => {
    const getToken = await workerFetch("/iss_unknown/token");
    expect(getToken.status).toBe(405);
    expect(getToken.headers.get("allow")).toBe("POST");
    const putAuthorize = await workerFetch("/iss_unknown/authorize", { method: "PUT" });
    expect(putAuthorize.status).toBe(405);
    expect(putAuthorize.headers.get("allow")).toBe("GET, HEAD, POST");
    expect((await workerFetch("/iss_unknown/token/extra", { method: "POST" })).status).toBe(404);
  });
});
