import { createDb, type Db } from "@authpi/domain/db";
import { isDomainError } from "@authpi/domain/errors";
import { enforcesMfa } from "@authpi/domain/login";
import {
  acceptInvitation,
  openInvitation as findInvitation,
  getOrganization,
} from "@authpi/domain/organizations";
import type { UserRow } from "@authpi/domain/users";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { mutationContext } from "../mutation-context.ts";
import { issuerStore } from "../store.ts";
import type { PageEnv } from "./contract.ts";
import { pageFrame } from "./page-frame.ts";
import { joinedPage } from "./pages/invitation-page.ts";

/** The invitation behind a link; a broken or stale one is an error page, never a redirect. */
export async function openedInvitation(db: Db, issuerId: string, token: string, now: number) {
  try {
    return await findInvitation(db, issuerId, token, now);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new PageError(410, (t) => t.signIn.invitationInvalidTitle, error.message);
  }
}

/** The invited organization's id when it enforces MFA (`security.enforce_2fa` or flat `enforce_2fa`). */
export async function invitedOrgEnforcing(
  db: Db,
  issuerId: string,
  token: string,
  now: number,
): Promise<string | null> {
  const open = await openedInvitation(db, issuerId, token, now);
  const org = await getOrganization(db, issuerId, open.invitation.orgId);
  return enforcesMfa(org.settings) ? org.id : null;
}

/** The end of an invitation's sign-in: the membership is created, with the invited scopes. */
export async function joinInvitation(
  c: Context<PageEnv>,
  token: string,
  user: UserRow,
  now: number,
) {
  const db = createDb(c.env.DB);
  const open = await openedInvitation(db, c.get("issuer").id, token, now);
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "user", id: user.id }, now);
  await acceptInvitation(db, issuerStore(c.env, c.get("issuer").id), ctx, open, user);
  return c.html(joinedPage(pageFrame(c), open.orgName));
}
