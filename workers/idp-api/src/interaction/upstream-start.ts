import { createDb } from "@authpi/domain/db";
import { ADAPTERS, resolveConnection } from "@authpi/domain/upstream";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { formBody } from "../request-params.ts";
import type { PageEnv } from "./contract.ts";
import { openInteraction } from "./state.ts";
import { saveAttempt } from "./upstream-attempt.ts";

/**
 * "Continue with <provider>" (the login page's CSRF-checked form): a single-use attempt is
 * saved in the issuer store and the browser goes upstream (RFC 6749 §4.1.1 with PKCE).
 */
export async function startUpstreamStep(c: Context<PageEnv>) {
  const form = await formBody(c.req);
  const { id, state, csrf } = await openInteraction(c, form, c.var.now);
  const connectionId = form.get("connection") ?? "";
  const db = createDb(c.env.DB);
  const connection = await resolveConnection(
    db,
    c.var.issuer.id,
    connectionId,
    c.env.KEY_ENCRYPTION_SECRET,
  );
  if (!connection || state.step !== "identify") {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.upstream.expired,
    );
  }
  const attempt = await saveAttempt(c, { connectionId, loginRequestId: id, csrf });
  const url = await ADAPTERS[connection.protocol].authorizationUrl(connection, attempt);
  return c.redirect(url.href, 303);
}
