import { createDb } from "@authpi/domain/db";
import { ADAPTERS, resolveConnection, type UpstreamConnection } from "@authpi/domain/upstream";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { formBody } from "../request-params.ts";
import type { PageEnv } from "./contract.ts";
import { openInteraction } from "./state.ts";
import { saveAttempt } from "./upstream-attempt.ts";

/**
 * Sends the browser to `connection` for the parked sign-in `loginRequestId`: a single-use
 * attempt is saved in the issuer store, then a 303 upstream (RFC 6749 §4.1.1 with PKCE). Any
 * step that has chosen a connection (the buttons, home-realm discovery) ends here.
 */
export async function goUpstream(
  c: Context<PageEnv>,
  connection: UpstreamConnection,
  p: { loginRequestId: string; csrf: string },
) {
  const attempt = await saveAttempt(c, { connectionId: connection.id, ...p });
  const url = await ADAPTERS[connection.protocol].authorizationUrl(connection, attempt);
  return c.redirect(url.href, 303);
}

/** "Continue with <provider>" (the login page's CSRF-checked form, `connection` names it). */
export async function startUpstreamStep(c: Context<PageEnv>) {
  const form = await formBody(c.req);
  const { id, state, csrf } = await openInteraction(c, form, c.get("now"));
  const connection = await resolveConnection(
    createDb(c.env.DB),
    c.get("issuer").id,
    form.get("connection") ?? "",
    c.env.KEY_ENCRYPTION_SECRET,
  );
  if (!connection || state.step !== "identify") {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.upstream.expired,
    );
  }
  return goUpstream(c, connection, { loginRequestId: id, csrf });
}
