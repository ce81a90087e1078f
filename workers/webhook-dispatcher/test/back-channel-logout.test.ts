import type { BackChannelLogoutMessage } from "@authpi/domain/delivery-queue";
import { describe, expect, it } from "vitest";
import { handleDeliveryBatch } from "../src/handle-deliveries.ts";
import { batchOf } from "./support/batch.ts";
import { receiver } from "./support/outside.ts";
import { captureQueue, testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;

function logoutMessage(uri: string, attempt = 1): BackChannelLogoutMessage {
  return {
    logout: "backchannel",
    uri,
    client_id: "cli_rp",
    issuer_id: "iss_1",
    logout_token: "header.payload.signature",
    attempt,
    due_at: null,
  };
}

/** One logout message through the dispatcher at `now`; returns what it queued and acked. */
async function deliverAt(message: BackChannelLogoutMessage, now = T0) {
  const { queue, sent } = captureQueue();
  const { batch, result } = batchOf("authpi-deliveries", [message]);
  await handleDeliveryBatch(
    batch,
    { ...testEnv, DELIVERIES: queue, WEBHOOK_RETRY_SCALE: "1" },
    () => now,
  );
  return { sent: sent.map((s) => s.body as BackChannelLogoutMessage), result: await result() };
}

describe("back-channel logout delivery (OIDC Back-Channel Logout 1.0 §2.5)", () => {
  it("POSTs the logout token as a form to the RP's URI, once, on a 200", async () => {
    const rp = receiver();
    await rp.script({ status: 200 });
    const { sent, result } = await deliverAt(logoutMessage(rp.url));
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(sent).toEqual([]);
    const [got] = await rp.received();
    expect(got?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(got?.body).get("logout_token")).toBe("header.payload.signature");
  });

  it("retries a failing RP after about 5 s, 5 min and 30 min, then gives up", async () => {
    const rp = receiver();
    await rp.script(...Array.from({ length: 4 }, () => ({ status: 503 })));
    let message = logoutMessage(rp.url);
    let now = T0;
    for (const expected of [5, 300, 1800]) {
      const { sent } = await deliverAt(message, now);
      const next = sent[0] as BackChannelLogoutMessage;
      expect(next.attempt).toBe(message.attempt + 1);
      const waitedS = ((next.due_at as number) - now) / 1000;
      expect(waitedS).toBeGreaterThanOrEqual(expected * 0.8);
      expect(waitedS).toBeLessThanOrEqual(expected * 1.2);
      now = next.due_at as number;
      message = next;
    }
    const last = await deliverAt(message, now);
    expect(last.sent).toEqual([]);
    expect(last.result.explicitAcks).toEqual(["m0"]);
    expect(await rp.received()).toHaveLength(4);
  });

  it("does not retry an RP that refuses the token (400), nor call a private address", async () => {
    const rp = receiver();
    await rp.script({ status: 400 });
    expect((await deliverAt(logoutMessage(rp.url))).sent).toEqual([]);
    expect(await rp.received()).toHaveLength(1);
    const { queue, sent } = captureQueue();
    const { batch, result } = batchOf("authpi-deliveries", [
      logoutMessage("https://10.0.0.7/logout"),
    ]);
    const env = { ...testEnv, DELIVERIES: queue, WEBHOOK_URL_POLICY: "production" };
    await handleDeliveryBatch(batch, env, () => T0);
    expect((await result()).explicitAcks).toEqual(["m0"]);
    expect(sent).toEqual([]);
  });
});
