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
  return new Date(rotationInstant(year, month)).toISOString().slice(0, 10);
}
