import { type ConsentView, isAgentConsent, listConsents } from "@authpi/domain/consents";
import { createDb } from "@authpi/domain/db";
import { mailAddressOf } from "@authpi/domain/email-tokens";
import type { Messages } from "@authpi/domain/i18n";
import { passkeyRegistrationOptions } from "@authpi/domain/passkeys";
import { PASSWORD_MIN_LENGTH } from "@authpi/domain/passwords";
import { deviceLabel, listOwnSessions } from "@authpi/domain/portal";
import { listIdentities } from "@authpi/domain/upstream";
import { listUserVerifiers } from "@authpi/domain/users";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { mutationContext } from "../../mutation-context.ts";
import { issuerStore } from "../../store.ts";
import { pageFrame } from "../page-frame.ts";
import { accountPage } from "../pages/account-page.ts";
import { passkeyDeps } from "../passkey-deps.ts";
import { passkeysEnabled, passkeysUsable } from "../passkey-options.ts";
import { asPage } from "./account-deps.ts";
import type { AccountEnv } from "./portal-guard.ts";

/** The notices a change redirects back with (`?done=`), by key. */
export type Done = keyof Messages["account"]["done"] | "identityUnlinked";

function noticeOf(t: Messages, done: string | undefined): string | null {
  const notices: Record<string, string> = {
    ...t.account.done,
    identityUnlinked: t.upstream.unlinked,
  };
  return done && Object.hasOwn(notices, done) ? (notices[done] ?? null) : null;
}

function connectedApp(consent: ConsentView) {
  return {
    clientId: consent.clientId,
    name: consent.clientName ?? consent.clientId,
    scopes: consent.scopes,
  };
}

/** Back to the portal with a notice (303 after a POST: RFC 9110 §15.4.4). */
export function doneRedirect(c: Context<AccountEnv>, done: Done) {
  return c.redirect(`/${c.get("issuer").id}/account?done=${done}`, 303);
}

/** The portal page of the signed-in user; a refused change shows it again with its error. */
export async function showAccount(
  c: Context<AccountEnv>,
  failure: { error: string; advice?: string[]; status: ContentfulStatusCode } | null = null,
) {
  const now = c.get("now");
  const { user, portal } = c.var;
  const db = createDb(c.env.DB);
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "user", id: user.id }, now);
  const store = issuerStore(c.env, c.get("issuer").id);
  const [verifiers, sessions, consents, identities] = await Promise.all([
    listUserVerifiers(db, c.get("issuer").id, user.id, now),
    listOwnSessions({ store, ctx }, user.id),
    listConsents(db, c.get("issuer").id, user.id),
    listIdentities(db, c.get("issuer").id, user.id),
  ]);
  const time = new Intl.DateTimeFormat(c.get("locale"), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const passkey =
    c.get("steppedUp") &&
    (await passkeysEnabled(asPage(c), {})) &&
    (await passkeysUsable(asPage(c)))
      ? {
          action: `/${c.get("issuer").id}/account/passkeys`,
          requestId: "",
          csrfToken: portal.csrf,
          options: await passkeyRegistrationOptions(await passkeyDeps(asPage(c)), user.id, now),
        }
      : null;
  const page = accountPage({
    frame: pageFrame(c),
    base: `/${c.get("issuer").id}/account`,
    csrfToken: portal.csrf,
    user,
    email: mailAddressOf(user),
    verifiers,
    sessions: sessions.map((s) => ({
      id: s.id,
      device: deviceLabel(s.device?.user_agent as string | undefined),
      signedInAt: `${time.format(new Date(s.authTime))} UTC`,
      current: s.id === portal.sid,
    })),
    apps: consents.filter((c) => !isAgentConsent(c)).map(connectedApp),
    agents: consents.filter(isAgentConsent).map(connectedApp),
    identities: identities.map((i) => ({
      id: i.id,
      provider: i.provider,
      email: i.email,
      linkedOn: `${time.format(new Date(i.createdAt))} UTC`,
    })),
    steppedUp: c.get("steppedUp"),
    minLength: PASSWORD_MIN_LENGTH,
    passkey,
    notice: failure ? null : noticeOf(c.get("t"), c.req.query("done")),
    error: failure?.error ?? null,
    advice: failure?.advice ?? [],
  });
  return c.html(page, failure?.status ?? 200);
}
