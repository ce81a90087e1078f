import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";

const DB = (env as unknown as Env).DB;

describe("IdP methods a path does not have", () => {
  it("answer 405 with Allow in the OAuth error format (RFC 9110 §15.5.6)", async () => {
    const s = await seedIssuer(DB);
    const cases: [string, string, string][] = [
      ["POST", "/.well-known/openid-configuration", "GET, HEAD"],
      ["DELETE", "/jwks.json", "GET, HEAD"],
      ["GET", "/token", "POST"],
      ["GET", "/par", "POST"],
      ["GET", "/device_authorization", "POST"],
      ["DELETE", "/device", "GET, HEAD, POST"],
      ["PUT", "/userinfo", "GET, HEAD, POST"],
    ];
    for (const [method, path, allow] of cases) {
      const r = await workerFetch(`/${s.issuer.id}${path}`, { method });
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expect(r.headers.get("cache-control")).toBe("no-store");
      expect(await r.json()).toMatchObject({ error: "method_not_allowed" });
    }
  });

  it("keeps 404 for paths that do not exist", async () => {
    const s = await seedIssuer(DB);
    const r = await workerFetch(`/${s.issuer.id}/nothing-here`);
    expect(r.status).toBe(404);
  });
});
