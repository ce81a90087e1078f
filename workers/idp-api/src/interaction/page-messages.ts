import { type Messages, messages, negotiateLocale } from "@authpi/domain/i18n";
import type { Context } from "hono";

/** The catalogue for this request's language (`Accept-Language`; default English). */
export function pageMessages(c: Context): Messages {
  return messages(negotiateLocale({ acceptLanguage: c.req.header("accept-language") ?? null }));
}

/** "a minute" or "N minutes", for waits shown on pages. */
export function waitText(t: Messages, ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? t.common.aMinute : t.common.minutes({ n: minutes });
}
