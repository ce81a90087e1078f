import type { EventMessage } from "@authpi/domain/events/queue-message";
import type { Env } from "./env.ts";
import { handleEventBatch } from "./handle-batch.ts";

export default {
  async fetch() {
    return new Response("authpi webhook dispatcher: consumes the events queue", { status: 404 });
  },
  async queue(batch, env) {
    await handleEventBatch(batch, env, Date.now());
  },
} satisfies ExportedHandler<Env, EventMessage>;
