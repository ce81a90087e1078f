import type { CoreClient } from "../api/core-client.ts";

type Event = Record<string, unknown> & { id: string; occurred_at: number };

export interface TailOptions {
  /** Milliseconds; events at or after this time are shown first (default: only new ones). */
  since?: number;
  intervalMs: number;
  filters: Record<string, string>;
  /** Stop after this many events (tests, and `head`-like use). */
  maxEvents?: number;
  signal?: AbortSignal;
  /** Called once the starting point is known: events after this are shown. */
  onReady?: (watermark: number) => void;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Follows the audit trail by polling. The cursor is a watermark: the newest `occurred_at` seen,
 * asked for again with `after` (inclusive) and deduplicated by id, so an event that lands in
 * the same millisecond as the last one shown is still shown, and none twice.
 */
export async function tailEvents(
  client: CoreClient,
  options: TailOptions,
  emit: (event: Event) => void,
): Promise<number> {
  const path = await client.accountPath("/events");
  let watermark = options.since ?? 0;
  let seen = new Set<string>();
  if (options.since === undefined) {
    const newest = await client.request<Event[]>("GET", path, {
      query: { ...options.filters, limit: 1 },
    });
    // With no events yet, everything from now on is new; else only what follows the newest.
    watermark = newest.data[0]?.occurred_at ?? 0;
    const current = await client.listAll<Event>(path, {
      ...options.filters,
      after: String(watermark),
    });
    seen = new Set(current.map((e) => e.id));
  }
  options.onReady?.(watermark);
  let shown = 0;
  while (!options.signal?.aborted) {
    const events = await client.listAll<Event>(path, {
      ...options.filters,
      after: String(watermark),
    });
    const fresh = events.filter((e) => !seen.has(e.id)).reverse();
    for (const event of fresh) {
      emit(event);
      shown++;
      if (options.maxEvents !== undefined && shown >= options.maxEvents) return shown;
    }
    if (events.length > 0) {
      const newest = Math.max(...events.map((e) => e.occurred_at));
      seen = new Set(events.filter((e) => e.occurred_at === newest).map((e) => e.id));
      watermark = newest;
    }
    await sleep(options.intervalMs, options.signal);
  }
  return shown;
}
