import type { BackChannelLogoutMessage } from "../delivery-queue/delivery-message.ts";
import { enqueueDelivery } from "../delivery-queue/enqueue-delivery.ts";
import { nextRetryDelay, parseRetryAfter } from "../delivery-queue/retry-schedule.ts";
import type { DeliveryDeps } from "./attempt-delivery.ts";
import { checkTarget } from "./resolve-target.ts";
import { isRetryable, sendDelivery } from "./send-delivery.ts";

/**
 * Attempts per logout token: at once, then after about 5 s, 5 min and 30 min (the start of the
 * webhook schedule), all inside the token's two-hour lifetime.
 */
export const LOGOUT_TOKEN_ATTEMPTS = 4;

export type LogoutDeliveryStep =
  | { kind: "delivered"; status: number }
  | { kind: "waiting" }
  | { kind: "retrying"; error: string }
  | { kind: "given_up"; error: string };

/**
 * Delivers one logout token (OIDC Back-Channel Logout 1.0 §2.5): a form POST of `logout_token`
 * to the RP's `backchannel_logout_uri`, under the webhook target rules (no private addresses in
 * production, no redirects followed, a timeout). A 2xx is done (§2.8: 200, or 204 as many RPs
 * answer); a network error, timeout, 408, 429 or 5xx is retried on the schedule; any other
 * answer, a refused target, or the last attempt gives up (logged by the caller).
 */
export async function deliverLogoutToken(
  deps: Pick<DeliveryDeps, "fetch" | "now" | "config" | "queue" | "random">,
  message: BackChannelLogoutMessage,
): Promise<LogoutDeliveryStep> {
  const now = deps.now();
  if (message.due_at !== null && message.due_at > now) {
    await enqueueDelivery(deps.queue, message, now);
    return { kind: "waiting" };
  }
  const { config } = deps;
  const verdict = await checkTarget(message.uri, {
    policy: config.urlPolicy,
    dohUrl: config.dohUrl,
    fetch: deps.fetch,
    timeoutMs: config.timeoutMs,
  });
  if (!verdict.ok && "refused" in verdict) return { kind: "given_up", error: verdict.refused };
  const result = verdict.ok
    ? await sendDelivery(deps.fetch, message.uri, {
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "cache-control": "no-store",
        },
        body: new URLSearchParams({ logout_token: message.logout_token }).toString(),
        timeoutMs: config.timeoutMs,
        now: deps.now,
      })
    : { status: null, latencyMs: 0, error: verdict.unresolved, retryAfter: null };
  if (result.status !== null && result.status >= 200 && result.status < 300) {
    return { kind: "delivered", status: result.status };
  }
  const error = result.error ?? `HTTP ${result.status}`;
  const wait =
    message.attempt < LOGOUT_TOKEN_ATTEMPTS && isRetryable(result)
      ? nextRetryDelay(message.attempt, {
          scale: config.retryScale,
          retryAfterS: parseRetryAfter(result.retryAfter, now),
          ...(deps.random ? { random: deps.random } : {}),
        })
      : null;
  if (wait === null) return { kind: "given_up", error };
  const next = { ...message, attempt: message.attempt + 1, due_at: now + wait * 1000 };
  await enqueueDelivery(deps.queue, next, now);
  return { kind: "retrying", error };
}
