import { app } from "./app.ts";
import type { Env } from "./env.ts";
import { rotateKeys } from "./key-ring.ts";

export { IssuerStore } from "./objects/issuer-store.ts";

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(rotateKeys(env, Date.now()));
  },
} satisfies ExportedHandler<Env>;
