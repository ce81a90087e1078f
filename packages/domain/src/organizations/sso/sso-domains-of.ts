import { and, eq } from "drizzle-orm";
import { inList } from "../../db/bound-parameters.ts";
import type { Db } from "../../db/client.ts";
import { accountDomains, organizationSsoDomains } from "../../db/schema.ts";
import type { SsoDomainView } from "./sso-wire.ts";

/** The SSO domains of each organization, verified when the account's domain is. */
export async function ssoDomainsOf(
  db: Db,
  orgIds: string[],
): Promise<Map<string, SsoDomainView[]>> {
  const byOrg = new Map<string, SsoDomainView[]>();
  {
    const rows = await db
      .select({
        orgId: organizationSsoDomains.orgId,
        host: organizationSsoDomains.host,
        createdAt: organizationSsoDomains.createdAt,
        verifiedAt: accountDomains.verifiedAt,
      })
      .from(organizationSsoDomains)
      .leftJoin(
        accountDomains,
        and(
          eq(accountDomains.accountId, organizationSsoDomains.accountId),
          eq(accountDomains.host, organizationSsoDomains.host),
        ),
      )
      .where(inList(organizationSsoDomains.orgId, orgIds))
      .orderBy(organizationSsoDomains.host);
    for (const row of rows) byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row]);
  }
  return byOrg;
}

/** The SSO domains of one organization. */
export async function ssoDomainsOfOrg(db: Db, orgId: string): Promise<SsoDomainView[]> {
  return (await ssoDomainsOf(db, [orgId])).get(orgId) ?? [];
}
