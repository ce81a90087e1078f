import type { Messages } from "@authpi/domain/i18n";

/** "a minute" or "N minutes", for waits shown on pages. */
export function waitText(t: Messages, ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? t.common.aMinute : t.common.minutes({ n: minutes });
}
