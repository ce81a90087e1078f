import { env } from "cloudflare:workers";
import { organizations } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, workerFetch } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

function send(path: string, auth: string, init: RequestInit & { type?: string }) {
  const headers: Record<string, string> = { authorization: auth };
  if (init.type) headers["content-type"] = init.type;
  return workerFetch(path, { ...init, headers });
}

describe("request bodies", () => {
  it("a POST or PATCH that takes a body refuses an empty one, and creates nothing", async () => {
    const s = await seedIssuer(DB);
    const issuer = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    for (const type of [undefined, "application/json"]) {
      const created = await send(`${issuer}/organizations`, s.basicAuth, { method: "POST", type });
      expect(created.status, String(type)).toBe(400);
      expect(await created.json()).toMatchObject({
        error: "invalid_request",
        error_description: "This operation needs a JSON body",
      });
      const patched = await send(issuer, s.basicAuth, { method: "PATCH", type });
      expect(patched.status).toBe(400);
    }
    const orgs = await drizzle(DB)
      .select()
      .from(organizations)
      .where(eq(organizations.issuerId, s.issuer.id));
    expect(orgs).toEqual([]);
  });

  it("an optional body may be empty, even sent as application/json, and is still validated", async () => {
    const s = await seedIssuer(DB);
    const revoke = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/sessions/s_unknown/revoke`;
    for (const body of [undefined, ""]) {
      const r = await send(revoke, s.basicAuth, { method: "POST", type: "application/json", body });
      expect(r.status).toBe(404);
    }
    // The SDKs send bodiless actions with no Content-Type at all.
    const bare = await send(revoke, s.basicAuth, { method: "POST" });
    expect(bare.status).toBe(404);
    const bad = await apiCall("POST", revoke, s.basicAuth, { reason: 5 });
    expect(bad.status).toBe(422);
    const unknown = await apiCall("POST", revoke, s.basicAuth, { why: "x" });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({
      fields: [{ field: "why", code: "unknown_field" }],
    });
  });

  it("refuses malformed JSON (400) and a body that is not JSON (415) in the envelope", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers`;
    const malformed = await send(path, s.basicAuth, {
      method: "POST",
      type: "application/json",
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: "invalid_request" });
    const text = await send(path, s.basicAuth, { method: "POST", type: "text/plain", body: "hi" });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: "invalid_content_type" });
  });

  it("answers 413 for a body over 1 MiB, by Content-Length or counted as it streams", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers`;
    const big = JSON.stringify({ name: "big", description: "x".repeat(10 * 1024 * 1024) });
    const declared = await apiCall("POST", path, s.basicAuth, JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: "invalid_request", retryable: false });

    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await send(path, s.basicAuth, {
      method: "POST",
      type: "application/json",
      body: stream,
    });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(40);
  });

  it("refuses a body nested deeper than 32 levels before its schema runs", async () => {
    const s = await seedIssuer(DB);
    const body = `{"name":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const path = `/v1/accounts/${s.accountId}/issuers`;
    const r = await send(path, s.basicAuth, { method: "POST", type: "application/json", body });
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ fields: [{ field: "body", code: "too_deep" }] });
  });
});
