import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { apiKeys, events } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { Metadata } from "../input/free-form.ts";
import { type Page, toPage } from "../pagination.ts";
import { coversScope } from "../scopes/scope-match.ts";
import { type ApiKeyFilters, apiKeyConditions } from "./api-key-filters.ts";
import { newSecret } from "./api-key-secret.ts";

/** After a rotation the old secret keeps working 15 minutes (docs/decisions/wire-contract.md §2). */
export const ROTATION_GRACE_MS = 15 * 60_000;

const Scope = z
  .string()
  .regex(/^[a-z*][a-z0-9_*.-]*:[a-z*]+$/, "must look like resource[.sub]:action");

export const CreateApiKeyInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  tags: z.array(z.string().max(100)).max(50).default([]),
  /** Deny by default: an empty list authenticates but may do nothing. */
  restrictions: z.strictObject({ scopes: z.array(Scope).max(200).default([]) }),
  expires_at: z.number().int().positive().nullish(),
  metadata: Metadata.nullish(),
});
export type CreateApiKeyInput = z.output<typeof CreateApiKeyInput>;

export const UpdateApiKeyInput = CreateApiKeyInput.partial().extend({
  tags: z.array(z.string().max(100)).max(50).optional(),
});
export type UpdateApiKeyInput = z.output<typeof UpdateApiKeyInput>;

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/**
 * Whose keys: the account's own (`null`), or an organization's in one of its issuers.
 * Organization keys authenticate as that organization and reach only its sub-resources.
 */
export type KeyOwner = { issuerId: string; orgId: string } | null;

function ownedBy(accountId: string, owner: KeyOwner) {
  return and(
    eq(apiKeys.accountId, accountId),
    owner
      ? and(eq(apiKeys.issuerId, owner.issuerId), eq(apiKeys.orgId, owner.orgId))
      : isNull(apiKeys.issuerId),
  );
}

/** Account keys belong to the platform's own issuer, which has no row here (docs/decisions/core-api.md). */
export const PLATFORM_ISSUER_ID = "i_platform";

/** `now` decides whether an active key shows as `expired`. */
export function apiKeyToWire(row: ApiKeyRow, now: number) {
  const expired = row.expiresAt !== null && row.expiresAt <= now;
  return {
    id: row.id,
    type: row.type,
    org_id: row.orgId,
    issuer_id: row.issuerId ?? PLATFORM_ISSUER_ID,
    name: row.name,
    description: row.description,
    tags: row.tags,
    restrictions: { scopes: row.scopes },
    status: row.status === "active" && expired ? "expired" : row.status,
    status_at: row.statusAt,
    status_reason: row.statusReason,
    status_by: row.statusBy,
    expires_at: row.expiresAt,
    secret: { algorithm: "sha256", hint: row.secretHint },
    last_used_at: row.lastUsedAt,
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/**
 * A key as lists show it: the `ApiKey` fields plus the flat ones of authpi-admin's
 * `ApiKeyListItem` (`secret_hint`, `scopes`, `ip_allowlist`, `last_rotated_at`).
 */
export function apiKeyToListItem(row: ApiKeyRow, now: number) {
  return {
    ...apiKeyToWire(row, now),
    scopes: row.scopes,
    ip_allowlist: row.ipAllowlist,
    secret_hint: row.secretHint,
    last_rotated_at: row.lastRotatedAt,
  };
}

/** A key may only hand out scopes it holds itself (no escalation through key creation). */
function checkGrantable(callerScopes: readonly string[], scopes: readonly string[]): void {
  const beyond = scopes.filter((scope) => !coversScope(callerScopes, scope));
  if (beyond.length > 0) {
    throw new DomainError(
      "INSUFFICIENT_SCOPE",
      `cannot grant scopes this key does not hold: ${beyond.join(", ")}`,
    );
  }
}

export async function getApiKey(
  db: Db,
  accountId: string,
  keyId: string,
  owner: KeyOwner = null,
): Promise<ApiKeyRow> {
  const row = await db.query.apiKeys.findFirst({
    where: and(eq(apiKeys.id, keyId), ownedBy(accountId, owner)),
  });
  if (!row) throw notFound("API key");
  return row;
}

function event(
  ctx: MutationContext,
  type: EventType,
  row: ApiKeyRow,
  data: Record<string, unknown> = {},
) {
  return buildEventRow(ctx, {
    type,
    issuerId: row.issuerId,
    subject: { type: "api_key", id: row.id },
    data: { name: row.name, ...(row.issuerId ? { org_id: row.orgId } : {}), ...data },
  });
}

export async function createApiKey(
  db: Db,
  ctx: MutationContext,
  caller: { scopes: string[]; orgId: string },
  input: CreateApiKeyInput,
  owner: KeyOwner = null,
): Promise<{ key: ApiKeyRow; secret: string }> {
  checkGrantable(caller.scopes, input.restrictions.scopes);
  const secret = await newSecret();
  const row: ApiKeyRow = {
    id: newId("apiKey", ctx.now),
    accountId: ctx.accountId,
    orgId: owner?.orgId ?? caller.orgId,
    issuerId: owner?.issuerId ?? null,
    type: "api_key",
    name: input.name,
    description: input.description ?? null,
    tags: input.tags,
    scopes: input.restrictions.scopes,
    ipAllowlist: null,
    status: "active",
    statusAt: ctx.now,
    statusReason: null,
    statusBy: null,
    secretHash: secret.hash,
    secretHint: secret.hint,
    previousSecretHash: null,
    previousSecretExpiresAt: null,
    lastRotatedAt: null,
    expiresAt: input.expires_at ?? null,
    lastUsedAt: null,
    metadata: input.metadata ?? {},
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(apiKeys).values(row),
    db.insert(events).values(event(ctx, "api-key.created", row, { scopes: row.scopes })),
  ]);
  return { key: row, secret: secret.plain };
}

export async function listApiKeys(
  db: Db,
  accountId: string,
  query: ApiKeyFilters,
  owner: KeyOwner,
  now: number,
): Promise<Page<ReturnType<typeof apiKeyToListItem>>> {
  const rows = await db
    .select()
    .from(apiKeys)
    .where(
      and(
        ownedBy(accountId, owner),
        apiKeyConditions(query, now),
        query.cursor ? lt(apiKeys.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(apiKeys.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (row) => row.id,
    (row) => apiKeyToListItem(row, now),
  );
}

export async function updateApiKey(
  db: Db,
  ctx: MutationContext,
  caller: { scopes: string[] },
  keyId: string,
  input: UpdateApiKeyInput,
  ifMatch?: string | null,
  owner: KeyOwner = null,
): Promise<ApiKeyRow> {
  const current = await getApiKey(db, ctx.accountId, keyId, owner);
  checkIfMatch(ifMatch, etagOf(current));
  if (input.restrictions) checkGrantable(caller.scopes, input.restrictions.scopes);
  const next: ApiKeyRow = {
    ...current,
    name: input.name ?? current.name,
    description: input.description !== undefined ? input.description : current.description,
    tags: input.tags ?? current.tags,
    scopes: input.restrictions?.scopes ?? current.scopes,
    expiresAt: input.expires_at !== undefined ? input.expires_at : current.expiresAt,
    metadata: input.metadata ?? current.metadata,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(apiKeys).set(next).where(eq(apiKeys.id, keyId)),
    db.insert(events).values(event(ctx, "api-key.updated", next, { scopes: next.scopes })),
  ]);
  return next;
}

const TRANSITIONS = {
  block: { from: ["active"], to: "blocked", type: "api-key.blocked" },
  unblock: { from: ["blocked"], to: "active", type: "api-key.unblocked" },
  revoke: { from: ["active", "blocked"], to: "revoked", type: "api-key.revoked" },
} as const;

/** Block (temporary), unblock, or revoke (permanent) a key. */
export async function changeApiKeyStatus(
  db: Db,
  ctx: MutationContext,
  keyId: string,
  action: keyof typeof TRANSITIONS,
  reason?: string | null,
  owner: KeyOwner = null,
): Promise<ApiKeyRow> {
  const current = await getApiKey(db, ctx.accountId, keyId, owner);
  const rule = TRANSITIONS[action];
  if (!(rule.from as readonly string[]).includes(current.status)) {
    throw new DomainError("CONFLICT", `cannot ${action} a key that is ${current.status}`);
  }
  const next: ApiKeyRow = {
    ...current,
    status: rule.to,
    statusAt: ctx.now,
    statusReason: reason ?? null,
    statusBy: ctx.actor.id,
    updatedAt: ctx.now,
  };
  await db.batch([
    db.update(apiKeys).set(next).where(eq(apiKeys.id, keyId)),
    db.insert(events).values(event(ctx, rule.type, next)),
  ]);
  return next;
}

/** A new secret; the old one keeps working for 15 minutes so deployments can roll. */
export async function rotateApiKey(
  db: Db,
  ctx: MutationContext,
  keyId: string,
  owner: KeyOwner = null,
): Promise<{ key: ApiKeyRow; secret: string }> {
  const current = await getApiKey(db, ctx.accountId, keyId, owner);
  if (current.status === "revoked")
    throw new DomainError("CONFLICT", "a revoked key cannot be rotated");
  const secret = await newSecret();
  const next: ApiKeyRow = {
    ...current,
    secretHash: secret.hash,
    secretHint: secret.hint,
    previousSecretHash: current.secretHash,
    previousSecretExpiresAt: ctx.now + ROTATION_GRACE_MS,
    lastRotatedAt: ctx.now,
    updatedAt: ctx.now,
  };
  await db.batch([
    db.update(apiKeys).set(next).where(eq(apiKeys.id, keyId)),
    db.insert(events).values(event(ctx, "api-key.rotated", next)),
  ]);
  return { key: next, secret: secret.plain };
}

export async function deleteApiKey(
  db: Db,
  ctx: MutationContext,
  keyId: string,
  owner: KeyOwner = null,
): Promise<void> {
  const current = await getApiKey(db, ctx.accountId, keyId, owner);
  await db.batch([
    db.delete(apiKeys).where(eq(apiKeys.id, keyId)),
    db.insert(events).values(event(ctx, "api-key.deleted", current)),
  ]);
}
