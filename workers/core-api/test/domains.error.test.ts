import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { publishTxt } from "@authpi/testkit/fake-doh-worker";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const bindings = env as unknown as { DB: D1Database; DNS_RESOLVER: Fetcher };

describe("account domains: bad input and a failing resolver", () => {
  it("refuses hosts that are not DNS names, and unknown fields", async () => {
    const s = await seedAccount(bindings.DB);
    const base = `/v1/accounts/${s.accountId}/domains`;
    for (const host of [
      "localhost",
      "10.0.0.1",
      "-bad.example.com",
      "a..b.com",
      `${"x".repeat(64)}.com`,
      "*.example.com",
      "",
    ]) {
      const response = await apiCall("POST", base, s.basicAuth, { host });
      expect(response.status, host).toBe(422);
      expect(await response.json()).toMatchObject({ fields: [{ field: "host" }] });
    }
    const extra = await apiCall("POST", base, s.basicAuth, {
      host: "ok.example.com",
      primary: true,
    });
    expect(extra.status).toBe(422);
  });

  it("answers 503 (retryable) when the resolver fails, and changes nothing", async () => {
    const s = await seedAccount(bindings.DB);
    const host = `down.${crypto.randomUUID().slice(0, 8)}.example.com`;
    const base = `/v1/accounts/${s.accountId}/domains`;
    await apiCall("POST", base, s.basicAuth, { host });
    await publishTxt(bindings.DNS_RESOLVER, `_authpi-challenge.${host}`, [], { fail: true });
    const response = await apiCall("POST", `${base}/${host}/verify`, s.basicAuth);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.json()).toMatchObject({ error: "dns_unavailable", retryable: true });
    const listed = (await (await apiCall("GET", base, s.basicAuth)).json()) as {
      data: { verified: boolean }[];
    };
    expect(listed.data[0]?.verified).toBe(false);
  });
});
