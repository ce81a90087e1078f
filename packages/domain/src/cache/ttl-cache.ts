/**
 * A small per-isolate cache of recent lookups. Entries live `ttlMs` and the oldest go first
 * past `maxEntries`; concurrent misses for one key share a single load. Failed loads and
 * `undefined` results are not kept, so a new row is seen at once and only changes to an
 * existing row can lag by up to `ttlMs`.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: Promise<V | undefined>; expiresAt: number }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries = 1000,
  ) {}

  get(key: string, now: number, load: () => PromiseLike<V | undefined>): Promise<V | undefined> {
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    // Adopt the result once: drizzle queries are lazy thenables that run again on every `then`.
    const value = Promise.resolve(load());
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: now + this.ttlMs });
    value.then(
      (result) => {
        if (result === undefined) this.#evict(key, value);
      },
      () => this.#evict(key, value),
    );
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return value;
  }

  /** Forgets a key, e.g. when the cached row proved stale. */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  #evict(key: string, value: Promise<V | undefined>): void {
    if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
  }
}
