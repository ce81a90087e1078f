import { and, eq, isNotNull, ne } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client.ts";
import { accountDomains, events } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { MutationContext } from "../events/event.ts";
import { type DnsResolver, lookupTxt } from "./dns-over-https.ts";
import { type AccountDomainRow, txtRecordName, txtRecordValue } from "./domain-wire.ts";
import { domainEvent, getDomain, updateDomain } from "./manage-domains.ts";

export interface DomainCheck {
  row: AccountDomainRow;
  verified: boolean;
  error: string | null;
}

/** Whether an account other than `accountId` has verified `host`: a domain has one owner. */
export async function verifiedElsewhere(db: Db, accountId: string, host: string) {
  const row = await db.query.accountDomains.findFirst({
    where: and(
      eq(accountDomains.host, host),
      ne(accountDomains.accountId, accountId),
      isNotNull(accountDomains.verifiedAt),
    ),
    columns: { host: true },
  });
  return row !== undefined;
}

/**
 * Looks up the domain's TXT record and marks it verified when the record holds its token,
 * with `also` in the same batch. A mismatch is reported, not thrown; a domain verified by
 * another account is a 409.
 */
export async function checkDomain(
  db: Db,
  ctx: MutationContext,
  resolver: DnsResolver,
  row: AccountDomainRow,
  also: BatchItem<"sqlite">[] = [],
): Promise<DomainCheck> {
  if (row.verifiedAt !== null) return { row, verified: true, error: null };
  if (await verifiedElsewhere(db, row.accountId, row.host))
    throw new DomainError("CONFLICT", "Another account has verified this domain");
  const name = txtRecordName(row.host);
  const expected = txtRecordValue(row.verificationToken);
  const records = await lookupTxt(resolver, name);
  if (!records.includes(expected)) {
    const found = records.length ? `${records.length} other TXT value(s)` : "no TXT record";
    return { row, verified: false, error: `${name} holds ${found}; publish "${expected}"` };
  }
  const next = {
    ...row,
    verifiedAt: ctx.now,
    lastCheckedAt: ctx.now,
    updatedAt: nextUpdatedAt(row, ctx.now),
  };
  await db.batch([
    updateDomain(db, next),
    db.insert(events).values(domainEvent(ctx, "account.domain.verified", next)),
    ...also,
  ]);
  return { row: next, verified: true, error: null };
}

/** `POST …/domains/{domain}/verify`: verified, or a 422 that says which record to publish. */
export async function verifyDomain(
  db: Db,
  ctx: MutationContext,
  resolver: DnsResolver,
  host: string,
  ifMatch?: string | null,
): Promise<AccountDomainRow> {
  const row = await getDomain(db, ctx.accountId, host);
  checkIfMatch(ifMatch, etagOf(row));
  const result = await checkDomain(db, ctx, resolver, row);
  if (!result.verified) {
    throw new DomainError("DOMAIN_NOT_VERIFIED", `Domain not verified: ${result.error}`);
  }
  return result.row;
}
