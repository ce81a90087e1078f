import { isUrlClientId, metadataClientHost } from "@authpi/domain/clients";
import {
  consentNeeded,
  findConsent,
  grantConsent,
  isFirstParty,
  scopesToAsk,
} from "@authpi/domain/consents";
import { createDb } from "@authpi/domain/db";
import { type AuthorizeRequest, authorizationError } from "@authpi/domain/oauth";
import type { Context } from "hono";
import { Hono } from "hono";
import { PageError } from "../errors.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { allowFormTargets, allowImageSource, pageSecurity } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import { sendAuthorizationAnswer } from "../send-authorization-answer.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv, SignedIn } from "./contract.ts";
import { ensureCsrf } from "./csrf.ts";
import { pageFrame } from "./page-frame.ts";
import { consentPage } from "./pages/consent-page.ts";
import { closeInteraction, openInteraction, parkInteraction } from "./state.ts";

type C = Context<PageEnv>;

function expired(): never {
  throw new PageError(
    400,
    (t) => t.common.expiredTitle,
    (t) => t.common.expired,
  );
}

async function showConsent(c: C, request: AuthorizeRequest, signedIn: SignedIn, ask: string[]) {
  const client = await c.get("clients")(request.clientId);
  if (!client) expired();
  const csrf = ensureCsrf(c, c.get("issuer").id);
  const { session, amr, acr, authTime } = signedIn;
  const state = {
    request,
    step: "consent" as const,
    userId: session.userId,
    signedIn: { sessionId: session.id, amr, acr, authTime },
  };
  const id = await parkInteraction(c, state, csrf, c.get("now"));
  allowFormTargets(c, [request.redirectUri]);
  allowImageSource(c, client.logoUrl);
  const page = consentPage({
    frame: pageFrame(c, { clientName: client.name }),
    action: `/${c.get("issuer").id}/consent`,
    requestId: id,
    csrfToken: csrf,
    clientName: client.name,
    clientLogoUrl: client.logoUrl,
    clientHost: isUrlClientId(client.id) ? metadataClientHost(client.id) : null,
    scopes: ask,
  });
  return c.html(page, 200);
}

/**
 * Puts the consent step in front of `complete`: a client that is not first-party gets a code
 * only once the user allowed the scopes it asks for (OIDC Core §3.1.2.4), asked again for
 * a new scope or `prompt=consent`; `prompt=none` gets `consent_required` (OIDC Core §3.1.2.6).
 */
export function withConsent(complete: CompleteAuthorization): CompleteAuthorization {
  return async function askConsent(c, request, signedIn, status) {
    const client = await c.get("clients")(request.clientId);
    if (!client || isFirstParty(client)) return complete(c, request, signedIn, status);
    const db = createDb(c.env.DB);
    const row = await findConsent(db, c.get("issuer").id, signedIn.session.userId, client.id);
    const forced = request.prompt.includes("consent");
    if (!forced && !consentNeeded(row, request.scope)) {
      return complete(c, request, signedIn, status);
    }
    if (request.prompt.includes("none")) {
      const description = "the user has not consented to this client's scopes";
      return sendAuthorizationAnswer(
        c,
        authorizationError(request, c.get("issuerUrl"), "consent_required", description),
        status,
      );
    }
    return showConsent(
      c,
      request,
      signedIn,
      forced ? request.scope : scopesToAsk(row, request.scope),
    );
  };
}

/** The consent form's answer: Allow grants and continues to the code; Deny is `access_denied`. */
async function answerConsent(c: C, complete: CompleteAuthorization) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  const { request, signedIn, userId, step } = open.state;
  if (step !== "consent" || !request || !signedIn || !userId) expired();
  const decision = form.get("decision");
  if (decision !== "allow" && decision !== "deny") expired();
  await closeInteraction(c, open.id);
  if (decision === "deny") {
    const description = "the user denied the request";
    return sendAuthorizationAnswer(
      c,
      authorizationError(request, c.get("issuerUrl"), "access_denied", description),
      303,
    );
  }
  const session = await issuerStore(c.env, c.get("issuer").id).getSession(signedIn.sessionId, now);
  if (session?.status !== "active" || session.userId !== userId) expired();
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "user", id: userId }, now);
  const db = createDb(c.env.DB);
  await grantConsent(db, ctx, c.get("issuer").id, userId, request.clientId, request.scope);
  return complete(c, request, { ...signedIn, session }, 303);
}

/** `POST /consent`; `complete` is the protocol side's answer, without the consent step. */
export const consentRoutes = (complete: CompleteAuthorization) =>
  new Hono<PageEnv>().post("/consent", loadIssuer, pageSecurity, (c) => answerConsent(c, complete));
