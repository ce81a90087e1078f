import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";

const DB = (env as unknown as Env).DB;
const FORM = "application/x-www-form-urlencoded";

function streamOf(chunks: number, size: number) {
  const chunk = new TextEncoder().encode("a".repeat(size));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ < chunks) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return { stream, sent: () => sent };
}

describe("IdP request bodies are bounded", () => {
  it("answers 413 in the OAuth error format for a form over 64 KiB on every POST endpoint", async () => {
    const s = await seedIssuer(DB);
    const big = `grant_type=client_credentials&padding=${"a".repeat(70 * 1024)}`;
    for (const endpoint of ["token", "revoke", "introspect", "userinfo", "login", "logout"]) {
      const r = await workerFetch(`/${s.issuer.id}/${endpoint}`, {
        method: "POST",
        headers: { "content-type": FORM },
        body: big,
      });
      expect(r.status, endpoint).toBe(413);
      expect(r.headers.get("cache-control"), endpoint).toBe("no-store");
      expect(await r.json(), endpoint).toMatchObject({ error: "invalid_request" });
    }
  });

  it("counts a body that arrives without Content-Length and stops reading at the limit", async () => {
    const s = await seedIssuer(DB);
    const { stream, sent } = streamOf(100, 4096);
    const r = await workerFetch(`/${s.issuer.id}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
    });
    expect(r.status).toBe(413);
    expect(sent()).toBeLessThan(100);
  });

  it("still serves a small request", async () => {
    const s = await seedIssuer(DB);
    const r = await workerFetch(`/${s.issuer.id}/token`, {
      method: "POST",
      headers: { "content-type": FORM },
      body: "grant_type=client_credentials",
    });
    expect(r.status).toBe(401);
  });
});
