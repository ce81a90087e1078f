import { and, count, desc, eq } from "drizzle-orm";
import { accountToWire, getAccount } from "../accounts/manage-account.ts";
import { randomToken } from "../crypto/hash.ts";
import type { Db } from "../db/client.ts";
import { accountDomains, events, organizationSsoDomains } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { getAccountIssuer } from "../issuers/find-issuer.ts";
import {
  type AddDomainInput,
  type AssignDomainInput,
  MAX_DOMAINS_PER_ACCOUNT,
} from "./domain-input.ts";
import { type AccountDomainRow, domainsToWire } from "./domain-wire.ts";

/** The event row of a change to an account domain. */
export function domainEvent(
  ctx: MutationContext,
  type: EventType,
  row: AccountDomainRow,
  data: Record<string, unknown> = {},
) {
  return buildEventRow(ctx, {
    type,
    issuerId: row.assignedIssuerId,
    subject: { type: "domain", id: row.host },
    data: { host: row.host, ...data },
  });
}

/** The account's domains, newest first (at most 20, so never paged). */
export function listDomains(db: Db, accountId: string): Promise<AccountDomainRow[]> {
  return db
    .select()
    .from(accountDomains)
    .where(eq(accountDomains.accountId, accountId))
    .orderBy(desc(accountDomains.createdAt), accountDomains.host);
}

/** The account with its domains: what AuthPI answers to every domain change. */
export async function accountWithDomains(db: Db, accountId: string) {
  const [account, domains] = await Promise.all([
    getAccount(db, accountId),
    listDomains(db, accountId),
  ]);
  return { ...accountToWire(account), domains: domainsToWire(domains) };
}

/** An account domain by host; a host the account lacks is a 404. */
export async function getDomain(
  db: Db,
  accountId: string,
  host: string,
): Promise<AccountDomainRow> {
  const row = await db.query.accountDomains.findFirst({
    where: and(
      eq(accountDomains.accountId, accountId),
      eq(accountDomains.host, host.toLowerCase()),
    ),
  });
  if (!row) throw notFound("Domain");
  return row;
}

/** An account domain by host, or undefined. */
export function findDomain(db: Db, accountId: string, host: string) {
  return db.query.accountDomains.findFirst({
    where: and(
      eq(accountDomains.accountId, accountId),
      eq(accountDomains.host, host.toLowerCase()),
    ),
  });
}

/**
 * A new unverified domain with a fresh TXT token and the statements that store it; 409 when
 * present or at the limit of 20.
 */
export async function prepareDomain(db: Db, ctx: MutationContext, input: AddDomainInput) {
  const [existing] = await db
    .select({ n: count() })
    .from(accountDomains)
    .where(eq(accountDomains.accountId, ctx.accountId));
  if ((existing?.n ?? 0) >= MAX_DOMAINS_PER_ACCOUNT) {
    throw new DomainError("CONFLICT", `An account has at most ${MAX_DOMAINS_PER_ACCOUNT} domains`);
  }
  if (await findDomain(db, ctx.accountId, input.host)) {
    throw new DomainError("CONFLICT", "This account already has that domain");
  }
  const row: AccountDomainRow = {
    accountId: ctx.accountId,
    host: input.host,
    verificationToken: randomToken(24),
    verifiedAt: null,
    lastCheckedAt: null,
    assignedIssuerId: null,
    assignedAt: null,
    createdAt: ctx.now,
    updatedAt: null,
  };
  const statements = [
    db.insert(accountDomains).values(row),
    db.insert(events).values(domainEvent(ctx, "account.domain.added", row)),
  ] as const;
  return { row, statements };
}

/** Adds an unverified domain with a fresh TXT token; 409 when present or at the limit of 20. */
export async function addDomain(
  db: Db,
  ctx: MutationContext,
  input: AddDomainInput,
): Promise<AccountDomainRow> {
  const { row, statements } = await prepareDomain(db, ctx, input);
  await db.batch(statements);
  return row;
}

/** Removes a domain, its issuer assignment and every organization's SSO claim on it. */
export async function removeDomain(
  db: Db,
  ctx: MutationContext,
  host: string,
  ifMatch?: string | null,
): Promise<void> {
  const row = await getDomain(db, ctx.accountId, host);
  checkIfMatch(ifMatch, etagOf(row));
  await db.batch([
    db
      .delete(organizationSsoDomains)
      .where(
        and(
          eq(organizationSsoDomains.accountId, ctx.accountId),
          eq(organizationSsoDomains.host, row.host),
        ),
      ),
    db
      .delete(accountDomains)
      .where(and(eq(accountDomains.accountId, ctx.accountId), eq(accountDomains.host, row.host))),
    db.insert(events).values(
      domainEvent(ctx, "account.domain.removed", row, {
        unassigned_issuer_id: row.assignedIssuerId,
      }),
    ),
  ]);
}

/** The statement that stores a changed account domain. */
export function updateDomain(db: Db, row: AccountDomainRow) {
  return db
    .update(accountDomains)
    .set(row)
    .where(and(eq(accountDomains.accountId, row.accountId), eq(accountDomains.host, row.host)));
}

/**
 * Assigns a verified domain to an issuer of the account (the issuer will answer on it later);
 * an unverified domain is refused, and one assigned elsewhere must be unassigned first.
 */
export async function assignDomain(
  db: Db,
  ctx: MutationContext,
  host: string,
  input: AssignDomainInput,
  ifMatch?: string | null,
): Promise<AccountDomainRow> {
  const row = await getDomain(db, ctx.accountId, host);
  checkIfMatch(ifMatch, etagOf(row));
  const issuer = await getAccountIssuer(db, ctx.accountId, input.issuer_id);
  if (row.verifiedAt === null) {
    throw new DomainError("DOMAIN_NOT_VERIFIED", "Verify the domain before assigning it");
  }
  if (row.assignedIssuerId === issuer.id) return row;
  if (row.assignedIssuerId) {
    throw new DomainError(
      "CONFLICT",
      "The domain is assigned to another issuer; unassign it first",
    );
  }
  const next = {
    ...row,
    assignedIssuerId: issuer.id,
    assignedAt: ctx.now,
    updatedAt: nextUpdatedAt(row, ctx.now),
  };
  await db.batch([
    updateDomain(db, next),
    db.insert(events).values(domainEvent(ctx, "account.domain.assigned", next)),
  ]);
  return next;
}

/** Unassigns a domain from its issuer; a domain assigned to none is left as it is. */
export async function unassignDomain(
  db: Db,
  ctx: MutationContext,
  host: string,
  ifMatch?: string | null,
): Promise<AccountDomainRow> {
  const row = await getDomain(db, ctx.accountId, host);
  checkIfMatch(ifMatch, etagOf(row));
  if (!row.assignedIssuerId) return row;
  const next = {
    ...row,
    assignedIssuerId: null,
    assignedAt: null,
    updatedAt: nextUpdatedAt(row, ctx.now),
  };
  await db.batch([
    updateDomain(db, next),
    db.insert(events).values(domainEvent(ctx, "account.domain.unassigned", row)),
  ]);
  return next;
}
