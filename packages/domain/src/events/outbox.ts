import { and, asc, isNull, lte } from "drizzle-orm";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";
import { eventToWire } from "./event.ts";
import type { EventMessage } from "./queue-message.ts";

export interface RelayOptions {
  now: number;
  /** Sends a batch to the Queue; throwing leaves the rows for the next relay. */
  send: (messages: EventMessage[]) => Promise<void>;
  limit?: number;
  /** Only rows at least this old (ms), so a cron relay does not race the request that wrote them. */
  minAgeMs?: number;
}

/** Events per Queue `sendBatch` (at most 100 messages and 256 KB per call). */
const BATCH = 50;

/**
 * Moves unsent outbox rows to the Queue in batches and marks them queued. Delivery is at least
 * once: a crash between send and mark sends the same event again, with the same id.
 */
export async function relayOutbox(db: Db, options: RelayOptions): Promise<number> {
  const limit = options.limit ?? 500;
  const cutoff = options.now - (options.minAgeMs ?? 0);
  let relayed = 0;
  while (relayed < limit) {
    const pending = await db
      .select()
      .from(events)
      .where(and(isNull(events.queuedAt), lte(events.occurredAt, cutoff)))
      .orderBy(asc(events.id))
      .limit(Math.min(BATCH, limit - relayed));
    if (pending.length === 0) break;
    await options.send(pending.map((row) => ({ v: 1, event: eventToWire(row) })));
    await db
      .update(events)
      .set({ queuedAt: options.now })
      .where(
        inList(
          events.id,
          pending.map((row) => row.id),
        ),
      );
    relayed += pending.length;
    if (pending.length < BATCH) break;
  }
  return relayed;
}
