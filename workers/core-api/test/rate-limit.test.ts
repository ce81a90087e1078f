import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

/** The limiter's windows are aligned to the wall clock (60 s, as vitest.config.ts sets it). */
const WINDOW_MS = 60_000;
const windowOf = (ms: number) => Math.floor(ms / WINDOW_MS);

type Seeded = Awaited<ReturnType<typeof seedAccount>>;

const get = (a: Seeded) =>
  workerFetch(`/v1/accounts/${a.accountId}/issuers`, { headers: { authorization: a.basicAuth } });

/** 100 requests within the limit, then the 101st; `sameWindow` says whether all fell in one window. */
async function spend(busy: Seeded) {
  const startWindow = windowOf(Date.now());
  const statuses: number[] = [];
  for (let i = 0; i < 100; i++) statuses.push((await get(busy)).status);
  const limited = await get(busy);
  return { statuses, limited, sameWindow: windowOf(Date.now()) === startWindow };
}

describe("rate limiting per API key", () => {
  it("answers 429 with Retry-After in the envelope once a key is over its limit, without touching other keys", async () => {
    // A run that straddles a window boundary starts a fresh count half-way, so it proves nothing:
    // it is repeated once with new keys (one run takes a few seconds of a 60 s window).
    let run = await spend(await seedAccount(DB));
    if (!run.sameWindow) run = await spend(await seedAccount(DB));
    expect(run.sameWindow).toBe(true);
    expect(run.statuses.every((s) => s === 200)).toBe(true);
    expect(run.limited.status).toBe(429);
    expect(run.limited.headers.get("retry-after")).toBe("60");
    expect(await run.limited.json()).toMatchObject({
      error: "rate_limited",
      retryable: true,
      retry_after: 60,
    });
    const calm = await seedAccount(DB);
    expect((await get(calm)).status).toBe(200);
  });
});
