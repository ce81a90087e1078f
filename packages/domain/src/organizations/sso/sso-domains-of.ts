import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountDomains, organizationSsoDomains } from "../../db/schema.ts";
import type { SsoDomainView } from "./sso-wire.ts";

// Each IN list stays well under D1's 100 bound parameters per statement.
const CHUNK = 90;

/** The SSO domains of each organization, verified when the account's domain is. */
export async function ssoDomainsOf(
  db: Db,
  orgIds: string[],
): Promise<Map<string, SsoDomainView[]>> {
  const byOrg = new Map<string, SsoDomainView[]>();
  for (let i = 0; i < orgIds.length; i += CHUNK) {
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
      .where(inArray(organizationSsoDomains.orgId, orgIds.slice(i, i + CHUNK)))
      .orderBy(organizationSsoDomains.host);
    for (const row of rows) byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row]);
  }
  return byOrg;
}

/** The SSO domains of one organization. */
export async function ssoDomainsOfOrg(db: Db, orgId: string): Promise<SsoDomainView[]> {
  return (await ssoDomainsOf(db, [orgId])).get(orgId) ?? [];
}
