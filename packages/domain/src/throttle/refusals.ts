/**
 * A per-isolate memory of sources a limiter has refused, and until when. The Workers
 * rate-limit binding can only count (every `limit()` call is one more), so this is how a
 * refused source stays refused for its window without a call on the success path: the next
 * request from it is turned away before its credentials are checked. Bounded; oldest first.
 */
export class Refusals {
  readonly #until = new Map<string, number>();

  constructor(readonly maxEntries = 10_000) {}

  /** When the refusal of `key` ends, or null when it is not refused at `now`. */
  refusedUntil(key: string, now: number): number | null {
    const until = this.#until.get(key);
    if (until === undefined) return null;
    if (until > now) return until;
    this.#until.delete(key);
    return null;
  }

  /** Refuses `key` until `until` (a later refusal never shortens an earlier one). */
  refuse(key: string, until: number): void {
    const current = this.#until.get(key) ?? 0;
    this.#until.delete(key);
    this.#until.set(key, Math.max(current, until));
    if (this.#until.size > this.maxEntries) {
      const oldest = this.#until.keys().next().value;
      if (oldest !== undefined) this.#until.delete(oldest);
    }
  }
}
