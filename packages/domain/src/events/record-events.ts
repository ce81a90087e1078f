import { insertRows, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";
import type { buildEventRow } from "./event.ts";

type EventInsert = ReturnType<typeof buildEventRow>;

/** Inserts for any number of event rows, to put in the batch of the change they record. */
export function eventInserts(db: Db, rows: readonly EventInsert[]) {
  return insertRows(db, events, rows);
}

/** Writes any number of event rows in one atomic D1 batch. */
export async function recordEvents(db: Db, rows: readonly EventInsert[]): Promise<void> {
  await runBatch(db, eventInserts(db, rows));
}
