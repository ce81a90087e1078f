import { agentTokenRequest } from "@authpi/domain/agents/agent-token";
import { createDb } from "@authpi/domain/db/client";
import { relayPendingEvents } from "@authpi/domain/events/relay-to-queue";
import { tokenRequest } from "@authpi/domain/oauth/grants/token-request";
import { Hono } from "hono";
import { keyRing } from "../key-ring.ts";
import { type TokenCallerEnv, tokenCallerAuth } from "../middleware/client-auth.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { mutationContext } from "../mutation-context.ts";
import { issuerStore } from "../store.ts";

/** The token endpoint (RFC 6749 §3.2); responses are never cached (§5.1). */
export const token = new Hono<TokenCallerEnv>().post(
  "/token",
  loadIssuer,
  tokenCallerAuth,
  async (c) => {
    const { issuer, issuerUrl, now, params, agent, client } = c.var;
    const db = createDb(c.env.DB);
    const ring = await keyRing(c.env, now);
    let response: Awaited<ReturnType<typeof tokenRequest>>;
    if (agent) {
      const actor = { type: "agent" as const, id: agent.agent.id };
      const ctx = mutationContext(c, issuer.accountId, actor, now);
      response = await agentTokenRequest({ db, ring, issuer, issuerUrl, ctx }, agent, params);
      c.executionCtx.waitUntil(relayPendingEvents(c.env, Date.now()));
    } else if (client) {
      const store = issuerStore(c.env, issuer.id);
      response = await tokenRequest({ db, store, ring, issuer, issuerUrl, client, now }, params);
    } else {
      throw new Error("token caller not authenticated");
    }
    c.header("Cache-Control", "no-store");
    c.header("Pragma", "no-cache");
    return c.json(response);
  },
);
