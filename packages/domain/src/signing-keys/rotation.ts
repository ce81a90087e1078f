const DAY_MS = 86_400_000;

/** Keys stay published at least this long after creation (docs/decisions/wire-contract.md §4). */
export const KEY_RETENTION_MS = 45 * DAY_MS;

/** The rotation instant for a month: its last day, 01:00 UTC. */
function rotationInstant(year: number, month: number): number {
  return Date.UTC(year, month + 1, 0, 1, 0, 0);
}

/**
 * The label of the key generation that should be signing at `now`: the date of the most
 * recent rotation instant (monthly, last day of the month at 01:00 UTC).
 */
export function keyGeneration(now: number): string {
  // Asked on every token request: the last answer holds until the next rotation instant.
  if (last && now >= last.from && now < last.until) return last.label;
  const date = new Date(now);
  let year = date.getUTCFullYear();
  let month = date.getUTCMonth();
  if (now < rotationInstant(year, month)) {
    month -= 1;
    if (month < 0) {
      month = 11;
      year -= 1;
    }
  }
  const from = rotationInstant(year, month);
  const label = new Date(from).toISOString().slice(0, 10);
  last = { from, until: rotationInstant(year, month + 1), label };
  return label;
}

let last: { from: number; until: number; label: string } | undefined;

/** JWKS responses may be cached this long (RFC 9111 §5.2.2.1 `max-age`), in seconds. */
export const JWKS_MAX_AGE_S = 300;

/**
 * A new key is published this long before it signs: longer than a JWKS cache may keep the
 * old document (max-age) plus the minute an isolate keeps its loaded ring, so a verifier that
 * fetched the JWKS before a rotation already holds the key of the first token it signs.
 */
export const PUBLISH_LEAD_MS = 15 * 60_000;

/** The longest a token of ours lives (docs/decisions/wire-contract.md §4: 21 days). */
export const MAX_TOKEN_LIFETIME_MS = 21 * DAY_MS;
