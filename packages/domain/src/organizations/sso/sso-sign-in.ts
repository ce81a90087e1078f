import type { Db } from "../../db/client.ts";
import type { MutationContext } from "../../events/event.ts";
import type { UpstreamConnection, UpstreamProfile } from "../../upstream/upstream-contract.ts";
import { linkProvenIdentity, type UpstreamOutcome } from "../../upstream/upstream-sign-in.ts";
import { getOrganization } from "../manage-organizations.ts";
import { findHomeRealm } from "./find-home-realm.ts";
import { provisionSsoMember } from "./sso-provisioning.ts";

/**
 * Whether an organization's IdP may sign this person in here: the IdP verified the email, and
 * home-realm discovery sends that email to this very organization (a domain it claims and its
 * account verified). An IdP cannot sign in, create or take over an address outside its domains.
 */
export async function ssoProfileAllowed(
  db: Db,
  issuerId: string,
  orgId: string,
  profile: UpstreamProfile,
): Promise<boolean> {
  if (!profile.email || !profile.emailVerified) return false;
  const realm = await findHomeRealm(db, issuerId, profile.email);
  return realm?.orgId === orgId;
}

/**
 * Completes a sign-in through an organization's SSO (the profile passed
 * {@link ssoProfileAllowed}). An existing user of the same address is linked without a second
 * proof: the organization proved the domain by DNS and its IdP vouches for the address, and an
 * SSO-only user has no other factor to prove it with. Then the user joins the organization with
 * its default scopes (`user.sso.provisioned` or `user.sso.linked`, `organization.membership.created`).
 */
export async function finishSsoSignIn(
  db: Db,
  ctx: MutationContext,
  p: {
    issuerId: string;
    connection: UpstreamConnection;
    profile: UpstreamProfile;
    outcome: UpstreamOutcome;
  },
): Promise<UpstreamOutcome> {
  const { outcome } = p;
  if (outcome.kind === "refused") return outcome;
  const signedIn =
    outcome.kind === "prove"
      ? { kind: "signed_in" as const, user: outcome.user, created: false }
      : outcome;
  if (outcome.kind === "prove") {
    await linkProvenIdentity(db, ctx, {
      issuerId: p.issuerId,
      userId: outcome.user.id,
      connection: p.connection,
      profile: p.profile,
    });
  }
  const org = await getOrganization(db, p.issuerId, p.connection.id);
  const { writes } = await provisionSsoMember(db, ctx, org, {
    id: signedIn.user.id,
    created: signedIn.created,
  });
  if (writes.length) await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
  return signedIn;
}
