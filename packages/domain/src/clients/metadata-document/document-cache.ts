import type { ClientMetadataDocument } from "./metadata-document.ts";

export type LoadedDocument =
  | { ok: true; document: ClientMetadataDocument; maxAgeSeconds: number }
  | { ok: false; problem: string };

/**
 * Validated documents per isolate, each kept for its own `max-age` (already clamped); the
 * oldest go first past `maxEntries`, concurrent misses share one fetch, refusals are not kept
 * (a fixed document works at once).
 */
export class DocumentCache {
  readonly #entries = new Map<string, { value: Promise<LoadedDocument>; expiresAt: number }>();

  constructor(readonly maxEntries = 500) {}

  get(url: string, now: number, load: () => Promise<LoadedDocument>): Promise<LoadedDocument> {
    const hit = this.#entries.get(url);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = load();
    const entry = { value, expiresAt: Number.POSITIVE_INFINITY };
    this.#entries.delete(url);
    this.#entries.set(url, entry);
    value.then(
      (result) => {
        if (!result.ok) this.#evict(url, value);
        else entry.expiresAt = now + result.maxAgeSeconds * 1000;
      },
      () => this.#evict(url, value),
    );
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return value;
  }

  /** Forgets every document (tests; a changed document otherwise waits out its max-age). */
  clear(): void {
    this.#entries.clear();
  }

  #evict(url: string, value: Promise<LoadedDocument>): void {
    if (this.#entries.get(url)?.value === value) this.#entries.delete(url);
  }
}
