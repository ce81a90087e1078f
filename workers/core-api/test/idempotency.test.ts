import { env } from "cloudflare:workers";
import { requestFingerprint } from "@authpi/domain/api-keys";
import { events, idempotencyKeys } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body, and refuses another body", async () => {
    const seeded = await seedIssuer(DB);
    const path = `/v1/accounts/${seeded.accountId}/issuers/${seeded.issuer.id}/organizations`;
    const post = (body: unknown, key?: string) =>
      workerFetch(path, {
        method: "POST",
        headers: {
          authorization: seeded.basicAuth,
          "content-type": "application/json",
          ...(key ? { "idempotency-key": key } : {}),
        },
        body: JSON.stringify(body),
      });
    const first = await post({ name: "Once" }, "key-1");
    const again = await post({ name: "Once" }, "key-1");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const a = (await first.json()) as { data: { id: string } };
    const b = (await again.json()) as { data: { id: string } };
    expect(b.data.id).toBe(a.data.id);
    const created = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.accountId, seeded.accountId), eq(events.type, "organization.created")));
    expect(created).toHaveLength(1);

    const reused = await post({ name: "Other" }, "key-1");
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({
      error: "invalid_request",
      error_description: "Idempotency-Key has already been used with a different request body",
    });

    const withoutKey = [await post({ name: "Twice" }), await post({ name: "Twice" })];
    const ids = await Promise.all(
      withoutKey.map(async (r) => ((await r.json()) as { data: { id: string } }).data.id),
    );
    expect(new Set(ids).size).toBe(2);
  });

  it("keeps keys per account", async () => {
    const one = await seedIssuer(DB);
    const two = await seedIssuer(DB);
    const post = (s: typeof one) =>
      workerFetch(`/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations`, {
        method: "POST",
        headers: {
          authorization: s.basicAuth,
          "content-type": "application/json",
          "idempotency-key": "shared",
        },
        body: JSON.stringify({ name: "Same" }),
      });
    expect((await post(one)).headers.get("idempotent-replayed")).toBeNull();
    expect((await post(two)).headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers a repeat while the first is still running with 409 conflict and Retry-After", async () => {
    const seeded = await seedIssuer(DB);
    const path = `/v1/accounts/${seeded.accountId}/issuers/${seeded.issuer.id}/organizations`;
    const body = JSON.stringify({ name: "Racing" });
    const now = Date.now();
    await seeded.db.insert(idempotencyKeys).values({
      accountId: seeded.accountId,
      key: "running",
      fingerprint: await requestFingerprint("POST", path, body),
      state: "processing",
      createdAt: now,
      expiresAt: now + 3600_000,
    });
    const response = await workerFetch(path, {
      method: "POST",
      headers: {
        authorization: seeded.basicAuth,
        "content-type": "application/json",
        "idempotency-key": "running",
      },
      body,
    });
    expect(response.status).toBe(409);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({
      error: "conflict",
      error_description: "A request with this Idempotency-Key is currently being processed",
      retryable: true,
    });
  });

  it("takes keys of 1 to 256 characters", async () => {
    const seeded = await seedIssuer(DB);
    const post = (key: string) =>
      workerFetch(`/v1/accounts/${seeded.accountId}/issuers/${seeded.issuer.id}/organizations`, {
        method: "POST",
        headers: {
          authorization: seeded.basicAuth,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify({ name: "Long key" }),
      });
    expect((await post("k".repeat(256))).status).toBe(201);
    const tooLong = await post("k".repeat(257));
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("replays a secret shown once, but keeps the stored response sealed", async () => {
    const seeded = await seedIssuer(DB);
    const post = () =>
      workerFetch(`/v1/accounts/${seeded.accountId}/api-keys`, {
        method: "POST",
        headers: {
          authorization: seeded.basicAuth,
          "content-type": "application/json",
          "idempotency-key": "key-with-secret",
        },
        body: JSON.stringify({ name: "ci", restrictions: { scopes: [] } }),
      });
    const first = (await (await post()).json()) as { data: { secret_plain: string } };
    const again = await post();
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as typeof first).data.secret_plain).toBe(first.data.secret_plain);
    const [row] = await seeded.db
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.accountId, seeded.accountId),
          eq(idempotencyKeys.key, "key-with-secret"),
        ),
      );
    expect(row?.responseBody).toMatch(/^v1\./);
    expect(row?.responseBody).not.toContain(first.data.secret_plain);
  });
});
