import { env } from "cloudflare:workers";
import { newId } from "@authpi/domain/ids";
import { seedAccount } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;
const HOUR = 3_600_000;
const TYPES = ["user.created", "user.updated", "session.created"];

/**
 * `n` events of one account and issuer in a single statement (a recursive CTE), one a minute
 * from `base`: type `TYPES[i % 3]`, subject `usr_s{i % 7}`.
 */
async function insertEvents(accountId: string, issuerId: string, base: number, n: number) {
  await DB.prepare(
    `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?3)
     INSERT INTO events (id, account_id, issuer_id, type, source, occurred_at, subject_type,
       subject_id, actor, actor_id, data, queued_at)
     SELECT printf('evt_agg%s%06d', ?4, i), ?1, ?2,
       CASE i % 3 WHEN 0 THEN 'user.created' WHEN 1 THEN 'user.updated' ELSE 'session.created' END,
       'core-api', ?5 + i * 60000, 'user', 'usr_s' || (i % 7),
       '{"type":"system","id":null}', NULL, '{}', ?5 + i * 60000
     FROM seq`,
  )
    .bind(accountId, issuerId, n, accountId.slice(-10), base)
    .run();
}

type Aggregate = {
  interval: string | null;
  group_by: string | null;
  truncated: boolean;
  buckets: { start?: number; end?: number; key?: string; count: number; unique?: number }[];
};

async function setup(n = 3000) {
  const s = await seedAccount(DB);
  const issuerId = newId("issuer");
  const base = Math.floor(Date.now() / HOUR) * HOUR - 100 * HOUR;
  await insertEvents(s.accountId, issuerId, base, n);
  const aggregate = async (query: Record<string, string>) => {
    const params = new URLSearchParams({ issuer_id: issuerId, ...query });
    const response = await apiCall(
      "GET",
      `/v1/accounts/${s.accountId}/events/aggregate?${params}`,
      s.basicAuth,
    );
    expect(response.status, await response.clone().text()).toBe(200);
    return dataOf<Aggregate>(response);
  };
  return { s, issuerId, base, aggregate };
}

describe("GET /events/aggregate", () => {
  it("counts totals, breakdowns and distinct values over thousands of events", async () => {
    const { aggregate } = await setup();
    expect(await aggregate({})).toEqual({
      interval: null,
      group_by: null,
      count_unique: null,
      truncated: false,
      buckets: [{ count: 3000 }],
    });
    const byType = await aggregate({ group_by: "type", count_unique: "subject_id" });
    expect(byType.buckets).toEqual(
      [...TYPES].sort().map((key) => ({ key, count: 1000, unique: 7 })),
    );
    const one = await aggregate({ event_types: "user.created", count_unique: "subject_id" });
    expect(one.buckets).toEqual([{ count: 1000, unique: 7 }]);
    const prefix = await aggregate({ event_types: "user.*" });
    expect(prefix.buckets).toEqual([{ count: 2000 }]);
  });

  it("cuts a time series into UTC buckets and honours after/before", async () => {
    const { base, aggregate } = await setup();
    const hourly = await aggregate({ interval: "hour", event_types: "user.created" });
    expect(hourly.interval).toBe("hour");
    expect(hourly.buckets).toHaveLength(50);
    expect(hourly.buckets[0]).toEqual({ start: base, end: base + HOUR, count: 20 });
    expect(hourly.buckets.every((b) => b.count === 20)).toBe(true);
    const window = await aggregate({
      interval: "hour",
      group_by: "type",
      after: String(base + 10 * HOUR),
      before: String(base + 12 * HOUR - 1),
    });
    expect(window.buckets).toHaveLength(6);
    expect(window.buckets.map((b) => [b.start, b.key, b.count])).toEqual(
      [10, 11].flatMap((h) => [...TYPES].sort().map((t) => [base + h * HOUR, t, 20])),
    );
  });

  it("keeps the newest 1,000 buckets of a longer series and says it did", async () => {
    const { base, aggregate } = await setup();
    const minutes = await aggregate({ interval: "minute" });
    expect(minutes.truncated).toBe(true);
    expect(minutes.buckets).toHaveLength(1000);
    expect(minutes.buckets.at(-1)?.start).toBe(base + 2999 * 60_000);
    expect(minutes.buckets[0]?.start).toBe(base + 2000 * 60_000);
  });

  it("counts only the caller's account and refuses what it cannot aggregate", async () => {
    const { s, issuerId, aggregate } = await setup(30);
    const other = await seedAccount(DB);
    await insertEvents(other.accountId, issuerId, Date.now(), 12);
    expect((await aggregate({})).buckets).toEqual([{ count: 30 }]);
    const path = `/v1/accounts/${s.accountId}/events/aggregate`;
    for (const bad of ["group_by=password", "interval=fortnight", "count_unique=data"]) {
      expect((await apiCall("GET", `${path}?${bad}`, s.basicAuth)).status, bad).toBe(422);
    }
    const many = Array.from({ length: 51 }, (_, i) => `t${i}.x`).join(",");
    const tooMany = await apiCall("GET", `${path}?event_types=${many}`, s.basicAuth);
    expect(tooMany.status).toBe(422);
    expect((await apiCall("GET", path, other.basicAuth)).status).toBe(404);
  });
});
