import { type AuthorizeRequest, authorizationError } from "@authpi/domain/oauth";
import type { Context } from "hono";
import type { PageError } from "../errors.ts";
import { answerLink } from "../send-authorization-answer.ts";
import type { PageEnv } from "./contract.ts";

/**
 * "Back to the application" after an error page: the request's redirect URI (validated at
 * `/authorize`) with `error=access_denied` and its `state` (RFC 6749 §4.1.2.1), so the client
 * learns the sign-in ended, in its response mode; none when the error knows no request.
 */
export async function wayBack(
  c: Context<PageEnv>,
  request: AuthorizeRequest | undefined,
): Promise<PageError["back"]> {
  // A device's sign-in has no client to go back to: the device itself waits (RFC 8628 §3.3).
  if (!request || request.device) return null;
  const client = await c.get("clients")(request.clientId);
  const description = "the sign-in was not completed";
  return {
    ...answerLink(authorizationError(request, c.get("issuerUrl"), "access_denied", description)),
    clientName: client?.name ?? null,
  };
}
