import { describe, expect, it } from "vitest";
import { DISABLE_AFTER_MS, healthAfter } from "./webhook-health.ts";
import type { WebhookRow } from "./webhook-wire.ts";

const base = {
  status: "active",
  statusAt: 0,
  statusReason: null,
  consecutiveFailures: 0,
  failingSince: null,
} as WebhookRow;

describe("webhook health", () => {
  it("turns failing after 5 failures and recovers on a success", () => {
    let webhook = base;
    for (let i = 0; i < 5; i++) webhook = { ...webhook, ...healthAfter(webhook, false, 1000 + i) };
    expect(webhook.status).toBe("failing");
    expect(webhook.failingSince).toBe(1000);
    const healed = healthAfter(webhook, true, 2000);
    expect(healed).toMatchObject({ status: "active", consecutiveFailures: 0, failingSince: null });
  });

  it("disables a webhook that has failed for 3 days, once", () => {
    const failing = {
      ...base,
      status: "failing",
      consecutiveFailures: 40,
      failingSince: 0,
    } as WebhookRow;
    expect(healthAfter(failing, false, DISABLE_AFTER_MS - 1).disabled).toBe(false);
    const off = healthAfter(failing, false, DISABLE_AFTER_MS);
    expect(off).toMatchObject({ status: "disabled", disabled: true });
    expect(healthAfter({ ...failing, ...off }, false, DISABLE_AFTER_MS + 1).disabled).toBe(false);
  });
});
