import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("rate limiting per API key", () => {
  it("answers 429 with Retry-After in the envelope once a key is over its limit, without touching other keys", async () => {
    const busy = await seedAccount(DB);
    const calm = await seedAccount(DB);
    const get = (a: typeof busy) =>
      workerFetch(`/v1/accounts/${a.accountId}/issuers`, {
        headers: { authorization: a.basicAuth },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await get(busy)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await get(busy);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(await limited.json()).toMatchObject({
      error: "rate_limited",
      retryable: true,
      retry_after: 60,
    });
    expect((await get(calm)).status).toBe(200);
  });
});
