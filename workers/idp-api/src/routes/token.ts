import { createDb } from "@authpi/domain/db";
import { relayPendingEvents } from "@authpi/domain/events";
import { currentDpopNonce, dpopNonceNearEnd, tokenRequest } from "@authpi/domain/oauth";
import { Hono } from "hono";
import { dpopInput } from "../dpop-input.ts";
import { jsonResponse } from "../json-response.ts";
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
    const { issuer, issuerUrl, now, params, caller } = c.var;
    const deps = {
      db: createDb(c.env.DB),
      store: issuerStore(c.env, issuer.id),
      ring: await keyRing(c.env, c.get("issuer").id, now),
      issuer,
      issuerUrl,
      now,
      dpop: dpopInput(c, "/token"),
      events: {
        context: (actor: Parameters<typeof mutationContext>[2]) =>
          mutationContext(c, issuer.accountId, actor, now),
        recorded: () => c.executionCtx.waitUntil(relayPendingEvents(c.env, now)),
      },
    };
    const response = await tokenRequest(deps, caller, params);
    const headers: Record<string, string> = { "Cache-Control": "no-store", Pragma: "no-cache" };
    // RFC 9449 §8.2: near the end of a nonce window, a DPoP client gets the next nonce.
    if (response.token_type === "DPoP" && dpopNonceNearEnd(now)) {
      headers["DPoP-Nonce"] = await currentDpopNonce(deps.dpop.nonces, now);
    }
    return jsonResponse(response, headers);
  },
);
