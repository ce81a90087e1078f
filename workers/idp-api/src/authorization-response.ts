import { createDb } from "@authpi/domain/db";
import { completeAuthorization } from "@authpi/domain/oauth";
import type { CompleteAuthorization } from "./interaction/index.ts";
import { issuerStore } from "./store.ts";

/** The protocol side's answer to a signed-in user: the code redirect (RFC 6749 §4.1.2). */
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
  return c.redirect(await completeAuthorization(deps, request, signedIn), status);
};
