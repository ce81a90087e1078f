import type { WebhookRow } from "./webhook-wire.ts";

/** After 5 failures in a row a webhook shows `failing`; failing for 3 days disables it. */
export const FAILING_AFTER = 5;
export const DISABLE_AFTER_MS = 3 * 24 * 3600_000;

export type HealthChange = Pick<
  WebhookRow,
  "status" | "statusAt" | "statusReason" | "consecutiveFailures" | "failingSince"
> & { disabled: boolean };

/** The webhook's health after one attempt. */
export function healthAfter(webhook: WebhookRow, ok: boolean, now: number): HealthChange {
  if (ok) {
    const recovered = webhook.status === "failing";
    return {
      status: recovered ? "active" : webhook.status,
      statusAt: recovered ? now : webhook.statusAt,
      statusReason: recovered ? null : webhook.statusReason,
      consecutiveFailures: 0,
      failingSince: null,
      disabled: false,
    };
  }
  const failures = webhook.consecutiveFailures + 1;
  const since = webhook.failingSince ?? now;
  if (webhook.status !== "disabled" && now - since >= DISABLE_AFTER_MS) {
    return {
      status: "disabled",
      statusAt: now,
      statusReason: "deliveries failed for 3 days",
      consecutiveFailures: failures,
      failingSince: since,
      disabled: true,
    };
  }
  const failing = webhook.status === "active" && failures >= FAILING_AFTER;
  return {
    status: failing ? "failing" : webhook.status,
    statusAt: failing ? now : webhook.statusAt,
    statusReason: failing ? `${failures} deliveries failed in a row` : webhook.statusReason,
    consecutiveFailures: failures,
    failingSince: since,
    disabled: false,
  };
}
