import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { events, organizationSsoDomains, organizations } from "../../db/schema.ts";
import type { DnsResolver } from "../../domains/dns-over-https.ts";
import { txtRecordName, txtRecordValue } from "../../domains/domain-wire.ts";
import { HostName } from "../../domains/host-name.ts";
import { findDomain, getDomain, prepareDomain } from "../../domains/manage-domains.ts";
import { checkDomain, verifiedElsewhere } from "../../domains/verify-domain.ts";
import { DomainError, notFound } from "../../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../../etag.ts";
import type { EventType } from "../../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../../events/event.ts";
import { getOrganization } from "../manage-organizations.ts";
import type { OrganizationRow } from "../organization-wire.ts";

export const AddSsoDomainInput = z.strictObject({ domain: HostName });
export type AddSsoDomainInput = z.output<typeof AddSsoDomainInput>;

/** The organization bumped to a new `updated_at`, so its ETag moves with its SSO. */
export function touchOrganization(db: Db, org: OrganizationRow, now: number) {
  return db
    .update(organizations)
    .set({ updatedAt: nextUpdatedAt(org, now) })
    .where(eq(organizations.id, org.id));
}

function ssoEvent(ctx: MutationContext, type: EventType, org: OrganizationRow, host: string) {
  return buildEventRow(ctx, {
    type,
    issuerId: org.issuerId,
    subject: { type: "organization", id: org.id },
    data: { org_id: org.id, domain: host },
  });
}

async function getClaim(db: Db, orgId: string, host: string) {
  const claim = await db.query.organizationSsoDomains.findFirst({
    where: and(eq(organizationSsoDomains.orgId, orgId), eq(organizationSsoDomains.host, host)),
  });
  if (!claim) throw notFound("SSO domain");
  return claim;
}

/**
 * Claims a domain for the organization's SSO, adding it to the account's domains when the
 * account lacks it (the 20-domain limit applies); one organization per domain in an issuer, and
 * none for a domain another account has verified. The claim routes sign-ins only once this
 * account has verified the domain (docs/decisions/enterprise-sso.md).
 */
export async function addSsoDomain(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  input: AddSsoDomainInput,
  ifMatch?: string | null,
) {
  const org = await getOrganization(db, issuerId, orgId);
  checkIfMatch(ifMatch, etagOf(org));
  const host = input.domain;
  const claimed = await db.query.organizationSsoDomains.findFirst({
    where: and(
      eq(organizationSsoDomains.issuerId, issuerId),
      eq(organizationSsoDomains.host, host),
    ),
  });
  if (claimed && claimed.orgId !== orgId) {
    throw new DomainError("CONFLICT", "Another organization of this issuer claims this domain");
  }
  if (await verifiedElsewhere(db, ctx.accountId, host)) {
    throw new DomainError("CONFLICT", "Another account has verified this domain");
  }
  const existing = await findDomain(db, ctx.accountId, host);
  const added = existing ? null : await prepareDomain(db, ctx, { host });
  const domain = existing ?? (added?.row as NonNullable<typeof existing>);
  if (!claimed) {
    await db.batch([
      ...(added?.statements ?? []),
      db.insert(organizationSsoDomains).values({
        accountId: ctx.accountId,
        issuerId,
        orgId,
        host,
        createdAt: ctx.now,
      }),
      touchOrganization(db, org, ctx.now),
      db.insert(events).values(ssoEvent(ctx, "organization.sso.domain-created", org, host)),
    ]);
  }
  return {
    domain: host,
    txt_record_name: txtRecordName(host),
    txt_record_value: txtRecordValue(domain.verificationToken),
    verified: domain.verifiedAt !== null,
  };
}

/** Drops the organization's claim; the account keeps its domain. */
export async function removeSsoDomain(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  orgId: string,
  host: string,
  ifMatch?: string | null,
) {
  const org = await getOrganization(db, issuerId, orgId);
  checkIfMatch(ifMatch, etagOf(org));
  const claim = await getClaim(db, orgId, host.toLowerCase());
  await db.batch([
    db
      .delete(organizationSsoDomains)
      .where(
        and(eq(organizationSsoDomains.orgId, orgId), eq(organizationSsoDomains.host, claim.host)),
      ),
    touchOrganization(db, org, ctx.now),
    db.insert(events).values(ssoEvent(ctx, "organization.sso.domain-deleted", org, claim.host)),
  ]);
  return { domain: claim.host, removed: true as const };
}

/** Verifies the claimed domain through the account's TXT record; `{verified, error}`. */
export async function verifySsoDomain(
  db: Db,
  ctx: MutationContext,
  resolver: DnsResolver,
  issuerId: string,
  orgId: string,
  host: string,
  ifMatch?: string | null,
) {
  const org = await getOrganization(db, issuerId, orgId);
  checkIfMatch(ifMatch, etagOf(org));
  const claim = await getClaim(db, orgId, host.toLowerCase());
  const domain = await getDomain(db, ctx.accountId, claim.host);
  const result = await checkDomain(db, ctx, resolver, domain, [
    touchOrganization(db, org, ctx.now),
    db.insert(events).values(ssoEvent(ctx, "organization.sso.domain-verified", org, claim.host)),
  ]);
  return { verified: result.verified, error: result.error };
}
