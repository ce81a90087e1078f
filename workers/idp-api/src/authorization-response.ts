import { createDb } from "@authpi/domain/db";
import { authorizationError, completeAuthorization } from "@authpi/domain/oauth";
import type { CompleteAuthorization } from "./interaction/index.ts";
import { sendAuthorizationAnswer } from "./send-authorization-answer.ts";
import { issuerStore } from "./store.ts";

/**
 * The protocol side's answer to a signed-in user: the code, in the request's response mode
 * (RFC 6749 §4.1.2); `login_required` when someone else than the `id_token_hint`'s user signed
 * in (OIDC Core §3.1.2.1).
 */
export const respondToAuthorization: CompleteAuthorization = async (
  c,
  request,
  signedIn,
  status,
) => {
  if (request.idTokenHintSub && request.idTokenHintSub !== signedIn.session.userId) {
    const description = "the signed-in user is not the user of id_token_hint";
    const answer = authorizationError(request, c.get("issuerUrl"), "login_required", description);
    return sendAuthorizationAnswer(c, answer, status);
  }
  const deps = {
    db: createDb(c.env.DB),
    store: issuerStore(c.env, c.get("issuer").id),
    issuerId: c.get("issuer").id,
    issuerUrl: c.get("issuerUrl"),
    now: c.get("now"),
  };
  return sendAuthorizationAnswer(c, await completeAuthorization(deps, request, signedIn), status);
};
