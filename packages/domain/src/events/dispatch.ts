import { and, isNull } from "drizzle-orm";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";

/** Marks events as received by the dispatcher (first receipt wins; redeliveries keep it). */
export async function markDispatched(db: Db, eventIds: string[], now: number): Promise<void> {
  if (eventIds.length === 0) return;
  await db
    .update(events)
    .set({ dispatchedAt: now })
    .where(and(inList(events.id, eventIds), isNull(events.dispatchedAt)));
}
