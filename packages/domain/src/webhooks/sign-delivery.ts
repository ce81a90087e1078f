import { Webhook } from "standardwebhooks";

/**
 * Standard Webhooks headers (standardwebhooks.com): `webhook-id`, `webhook-timestamp` (seconds)
 * and `webhook-signature`, one `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per live
 * secret, space-separated, so receivers holding either secret verify during a rotation.
 */
export function signatureHeaders(
  secrets: readonly string[],
  messageId: string,
  now: number,
  body: string,
): Record<string, string> {
  const at = new Date(Math.floor(now / 1000) * 1000);
  const headers: Record<string, string> = {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(now / 1000)),
  };
  if (secrets.length > 0) {
    headers["webhook-signature"] = secrets
      .map((secret) => new Webhook(secret).sign(messageId, at, body))
      .join(" ");
  }
  return headers;
}
