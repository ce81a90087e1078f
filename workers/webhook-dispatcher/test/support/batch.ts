import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";

/** A Queue batch for the dispatcher's handlers, and what they did with each message. */
export function batchOf(queue: string, bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body })),
  );
  return {
    batch,
    result: () => getQueueResult(batch, createExecutionContext()),
  };
}
