import { createDb } from "@authpi/domain/db";
import { completeAuthorization } from "@authpi/domain/oauth";
import type { CompleteAuthorization } from "./interaction/index.ts";
import { sendAuthorizationAnswer } from "./send-authorization-answer.ts";
import { issuerStore } from "./store.ts";

/** The protocol side's answer to a signed-in user: the code, in the request's response mode (RFC 6749 §4.1.2). */
export const respondToAuthorization: CompleteAuthorization = async (
  c,
  request,
  signedIn,
  status,
) => {
  const deps = {
    db: createDb(c.env.DB),
    store: issuerStore(c.env, c.var.issuer.id),
    issuerId: c.var.issuer.id,
    issuerUrl: c.var.issuerUrl,
    now: c.var.now,
  };
  return sendAuthorizationAnswer(c, await completeAuthorization(deps, request, signedIn), status);
};
