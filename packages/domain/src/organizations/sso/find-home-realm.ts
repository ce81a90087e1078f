import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountDomains, organizationSsoDomains, organizations } from "../../db/schema.ts";
import { emailDomainOf, type HomeRealm, homeRealm } from "./home-realm.ts";

/**
 * The home realm of `username` in this issuer (see {@link homeRealm}): one indexed read of the
 * claims on the username's email domain, or none for a username that is not an email.
 */
export async function findHomeRealm(
  db: Db,
  issuerId: string,
  username: string,
): Promise<HomeRealm | null> {
  const host = emailDomainOf(username);
  if (!host) return null;
  const claims = await db
    .select({
      host: organizationSsoDomains.host,
      claimIssuerId: organizationSsoDomains.issuerId,
      claimAccountId: organizationSsoDomains.accountId,
      orgIssuerId: organizations.issuerId,
      orgAccountId: organizations.accountId,
      orgId: organizations.id,
      orgName: organizations.name,
      orgStatus: organizations.status,
      ssoEnabled: organizations.ssoEnabled,
      ssoOnly: organizations.ssoOnly,
      domainVerifiedAt: accountDomains.verifiedAt,
    })
    .from(organizationSsoDomains)
    .innerJoin(organizations, eq(organizations.id, organizationSsoDomains.orgId))
    .leftJoin(
      accountDomains,
      and(
        eq(accountDomains.accountId, organizationSsoDomains.accountId),
        eq(accountDomains.host, organizationSsoDomains.host),
      ),
    )
    .where(
      and(eq(organizationSsoDomains.issuerId, issuerId), eq(organizationSsoDomains.host, host)),
    );
  return homeRealm(username, issuerId, claims);
}

/** The realm of `username` when its organization allows only SSO (password and codes refused). */
export async function ssoOnlyRealm(
  db: Db,
  issuerId: string,
  username: string,
): Promise<HomeRealm | null> {
  const realm = await findHomeRealm(db, issuerId, username);
  return realm?.ssoOnly ? realm : null;
}

/** Whether any active organization of the issuer has SSO on: the login page's SSO entry. */
export async function issuerHasSso(db: Db, issuerId: string): Promise<boolean> {
  const row = await db.query.organizations.findFirst({
    where: and(
      eq(organizations.issuerId, issuerId),
      eq(organizations.ssoEnabled, true),
      eq(organizations.status, "active"),
    ),
    columns: { id: true },
  });
  return row !== undefined;
}
