import { webhooks } from "@authpi/domain/db";
import { checkTarget } from "@authpi/domain/webhooks";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handleDeliveryBatch } from "../src/handle-deliveries.ts";
import { batchOf } from "./support/batch.ts";
import { doh, receiver } from "./support/outside.ts";
import { captureQueue, db, deliveryRow, seedDelivery, testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;

/** One attempt at `url` under the production policy, resolving through the fake DoH. */
async function attemptAt(url: string) {
  const { delivery, webhook } = await seedDelivery(receiver().url, T0);
  await db.update(webhooks).set({ url }).where(eq(webhooks.id, webhook.id));
  const { queue, sent } = captureQueue();
  const { batch } = batchOf("authpi-deliveries", [{ delivery_id: delivery.id, due_at: T0 }]);
  const env = {
    ...testEnv,
    DELIVERIES: queue,
    WEBHOOK_URL_POLICY: "production",
    WEBHOOK_DOH_URL: doh.url(),
    WEBHOOK_RETRY_SCALE: "1",
  };
  await handleDeliveryBatch(batch, env, () => T0);
  return { row: await deliveryRow(delivery.id), sent };
}

describe("webhook targets are checked before every attempt (SSRF, DNS rebinding)", () => {
  it.each([
    ["inward.test", "10.0.0.5"],
    ["inward6.test", "fd00::5"],
    ["mapped.test", "::ffff:127.0.0.1"],
  ])("refuses %s, which DoH resolves to %s, without calling it", async (host, address) => {
    const { row, sent } = await attemptAt(`https://${host}/hook`);
    expect(row).toMatchObject({ status: "failed", lastResponseStatus: null, nextAttemptAt: null });
    expect(row.lastError).toBe(
      `url refused: resolves to a private, loopback or link-local address (${address})`,
    );
    expect(sent).toEqual([]);
    expect(await doh.queries()).toEqual(expect.arrayContaining([`${host} A`, `${host} AAAA`]));
  });

  it("refuses a well-known rebinding name without asking DNS", async () => {
    const { row } = await attemptAt("https://app.localtest.me/hook");
    expect(row.lastError).toMatch(/^url refused: must not use a name that resolves to a private/);
    expect((await doh.queries()).some((q) => q.startsWith("app.localtest.me"))).toBe(false);
  });

  it("retries later when DNS fails or has no address (fails closed)", async () => {
    const broken = await attemptAt("https://broken.test/hook");
    expect(broken.row).toMatchObject({
      status: "retrying",
      lastError: "dns lookup failed: DoH answered HTTP 500",
    });
    expect(broken.sent).toHaveLength(1);
    const nowhere = await attemptAt("https://nowhere.test/hook");
    expect(nowhere.row).toMatchObject({
      status: "retrying",
      lastError: "dns: nowhere.test has no address",
    });
  });

  it("lets a name through when every address DoH gives is public", async () => {
    const check = { policy: "production" as const, dohUrl: doh.url(), fetch, timeoutMs: 2000 };
    expect(await checkTarget("https://public.test/hook", check)).toEqual({ ok: true });
    expect(await checkTarget("https://inward.test/hook", check)).toMatchObject({ ok: false });
    expect(await checkTarget("https://public.test/hook", { ...check, dohUrl: null })).toEqual({
      ok: true,
    });
  });
});
