import { newSecret } from "../api-keys/api-key-secret.ts";
import type { Db } from "../db/client.ts";
import { accounts, apiKeys, events } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";

/** The owner key may do everything in its account. */
export const OWNER_SCOPES = ["*:**"];

export interface BootstrapResult {
  account: typeof accounts.$inferSelect;
  apiKey: typeof apiKeys.$inferSelect;
  secret: string;
}

/**
 * Creates the first account of a self-hosted deployment and its owner API key
 * (docs/decisions/wire-contract.md §2). Refused once any account exists.
 */
export async function bootstrapAccount(
  db: Db,
  input: { name: string; now: number },
): Promise<BootstrapResult> {
  const existing = await db.select({ id: accounts.id }).from(accounts).limit(1);
  if (existing.length > 0) {
    throw new DomainError("CONFLICT", "This deployment already has an account");
  }
  return createAccount(db, input);
}

/** Creates an account with an owner API key, recording both events in the same batch. */
export async function createAccount(
  db: Db,
  input: { name: string; now: number },
): Promise<BootstrapResult> {
  const accountId = newId("account", input.now);
  const orgId = `org_${accountId.slice(4)}`;
  const secret = await newSecret();
  const account: typeof accounts.$inferSelect = {
    id: accountId,
    orgId,
    name: input.name,
    description: null,
    logoUrl: null,
    ownerUserId: null,
    metadata: {},
    createdAt: input.now,
    updatedAt: null,
  };
  const key = {
    id: newId("apiKey", input.now),
    accountId,
    orgId,
    issuerId: null,
    type: "api_key",
    name: "Owner key",
    description: "Created by the bootstrap",
    tags: [],
    scopes: OWNER_SCOPES,
    ipAllowlist: null,
    status: "active",
    statusAt: null,
    statusReason: null,
    statusBy: null,
    secretHash: secret.hash,
    secretHint: secret.hint,
    previousSecretHash: null,
    previousSecretExpiresAt: null,
    lastRotatedAt: null,
    expiresAt: null,
    lastUsedAt: null,
    metadata: {},
    createdAt: input.now,
    updatedAt: null,
  } satisfies typeof apiKeys.$inferSelect;
  const ctx: MutationContext = {
    now: input.now,
    accountId,
    actor: { type: "system", id: null },
    source: "core-api",
  };
  await db.batch([
    db.insert(accounts).values(account),
    db.insert(apiKeys).values(key),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "account.created",
        subject: { type: "account", id: accountId },
      }),
    ),
    db
      .insert(events)
      .values(
        buildEventRow(ctx, { type: "api-key.created", subject: { type: "api_key", id: key.id } }),
      ),
  ]);
  return { account, apiKey: key, secret: secret.plain };
}
