import { eq } from "drizzle-orm";
import { z } from "zod";
import { PLATFORM_ISSUER_ID } from "../api-keys/manage-api-keys.ts";
import type { Db } from "../db/client.ts";
import { accounts, events } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { Metadata } from "../input/free-form.ts";

export type AccountRow = typeof accounts.$inferSelect;

export const UpdateAccountInput = z.strictObject({
  name: z.string().trim().min(1).max(200).nullish(),
  description: z.string().max(5000).nullish(),
  logo_url: z.string().url().max(2000).nullish(),
  owner_user_id: z.string().max(100).nullish(),
  metadata: Metadata.optional(),
});
export type UpdateAccountInput = z.output<typeof UpdateAccountInput>;

/**
 * The account in the `authpi-admin` shape: accounts are facades over an organization in
 * the platform issuer, so the profile sits under `organization`.
 */
export function accountToWire(row: AccountRow) {
  return {
    id: row.id,
    organization: {
      id: row.orgId,
      issuer_id: PLATFORM_ISSUER_ID,
      status: "active",
      name: row.name,
      description: row.description,
      logo_url: row.logoUrl,
      org_type: "business",
      metadata: {} as Record<string, unknown>,
      created_at: row.createdAt,
      updated_at: row.updatedAt,
    },
    owner_user_id: row.ownerUserId,
    domains: [] as { host: string }[],
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export async function getAccount(db: Db, accountId: string): Promise<AccountRow> {
  const row = await db.query.accounts.findFirst({ where: eq(accounts.id, accountId) });
  if (!row) throw notFound("Account");
  return row;
}

export async function updateAccount(
  db: Db,
  ctx: MutationContext,
  input: UpdateAccountInput,
  ifMatch?: string | null,
): Promise<AccountRow> {
  const current = await getAccount(db, ctx.accountId);
  checkIfMatch(ifMatch, etagOf(current));
  const keep = <T>(value: T | undefined, old: T) => (value !== undefined ? value : old);
  const next: AccountRow = {
    ...current,
    name: keep(input.name, current.name),
    description: keep(input.description, current.description),
    logoUrl: keep(input.logo_url, current.logoUrl),
    ownerUserId: keep(input.owner_user_id, current.ownerUserId),
    metadata: input.metadata ?? current.metadata,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(accounts).set(next).where(eq(accounts.id, current.id)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "account.updated",
        issuerId: null,
        subject: { type: "account", id: current.id },
        data: { changed: Object.keys(input) },
      }),
    ),
  ]);
  return next;
}
