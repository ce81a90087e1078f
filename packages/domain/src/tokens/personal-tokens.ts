import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { events, issuers } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { Metadata } from "../input/free-form.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { getUser } from "../users/manage-users.ts";
import { MAX_TOKEN_TTL_S } from "./issue-tokens.ts";
import { newJti } from "./jwt.ts";
import { issuerOfPersonalToken, newPersonalTokenId } from "./personal-token-id.ts";
import { mintPersonalToken } from "./personal-token-jwt.ts";
import type { PersonalTokenRecord, PersonalTokenStore } from "./personal-token-store.ts";
import { type PersonalTokenWire, personalTokenToWire } from "./personal-token-wire.ts";

/** AuthPI: each user can have up to 50 active personal tokens. */
export const MAX_ACTIVE_PERSONAL_TOKENS = 50;
/** Every token is capped at 21 days; a personal token gets the cap unless it asks for less. */
export const MAX_PERSONAL_TOKEN_TTL_MS = MAX_TOKEN_TTL_S * 1000;

const Cidr = z
  .string()
  .max(64)
  .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, "must be an IP address or CIDR range");

export const CreatePersonalTokenInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  tags: z.array(z.string().min(1).max(100)).max(50).default([]),
  restrictions: z
    .strictObject({
      scopes: z.array(z.string().min(1).max(200).regex(/^\S+$/, "no spaces")).max(200).default([]),
      ip_addresses: z.array(Cidr).max(100).default([]),
    })
    .prefault({}),
  audience: z.string().url().max(2000).nullish(),
  /** Unix ms; at most 21 days ahead. */
  expires_at: z.number().int().positive().nullish(),
  metadata: Metadata.default({}),
});
export type CreatePersonalTokenInput = z.output<typeof CreatePersonalTokenInput>;

export const PersonalTokenListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
  status: z.enum(["active", "blocked", "revoked", "expired", "suspended"]).optional(),
});

export const RevokePersonalTokenInput = z.strictObject({
  reason: z.string().trim().min(1).max(1000).optional(),
});

export interface PersonalTokenDeps {
  db: Db;
  store: PersonalTokenStore;
  issuerId: string;
  ctx: MutationContext;
}

/**
 * The issuer whose Durable Object holds `tokenId` (the id names it), when that issuer is the
 * account's; anything else is the same 404 as an unknown token.
 */
export async function personalTokenIssuer(db: Db, accountId: string, tokenId: string) {
  const issuerId = issuerOfPersonalToken(tokenId);
  const issuer =
    issuerId &&
    (await db.query.issuers.findFirst({
      where: and(eq(issuers.id, issuerId), eq(issuers.accountId, accountId)),
    }));
  if (!issuer) throw notFound("Personal token");
  return issuer.id;
}

function recorded(deps: PersonalTokenDeps, type: EventType, record: PersonalTokenRecord) {
  return buildEventRow(deps.ctx, {
    type,
    issuerId: deps.issuerId,
    subject: { type: "personal_token", id: record.id },
    data: { user_id: record.userId, name: record.name, status: record.status },
  });
}

function expiryOf(input: CreatePersonalTokenInput, now: number): number {
  const latest = now + MAX_PERSONAL_TOKEN_TTL_MS;
  const expiresAt = input.expires_at ?? latest;
  if (expiresAt <= now || expiresAt > latest) {
    throw new DomainError("VALIDATION_FAILED", "expires_at must be in the next 21 days", {
      fields: [{ field: "expires_at", code: "out_of_range", message: "at most 21 days ahead" }],
    });
  }
  return expiresAt;
}

/**
 * Mints a personal token for an active user: a JWT of ours (`ptk_…`, shown once) whose record
 * the issuer's Durable Object keeps, at most 50 live per user and one live token per name.
 */
export async function createPersonalToken(
  deps: PersonalTokenDeps & { ring: KeyRing; issuerUrl: string },
  userId: string,
  input: CreatePersonalTokenInput,
): Promise<{ token: PersonalTokenWire; plain: string }> {
  const user = await getUser(deps.db, deps.issuerId, userId);
  if (user.status !== "active") {
    throw new DomainError("CONFLICT", `the user is ${user.status}: no personal tokens`);
  }
  const now = deps.ctx.now;
  const record: PersonalTokenRecord = {
    id: newPersonalTokenId(deps.issuerId, now),
    jti: newJti(),
    userId: user.id,
    name: input.name,
    description: input.description ?? null,
    tags: input.tags,
    scopes: input.restrictions.scopes,
    ipAddresses: input.restrictions.ip_addresses,
    audience: input.audience ?? null,
    metadata: input.metadata,
    status: "active",
    statusAt: now,
    statusReason: null,
    statusBy: null,
    expiresAt: expiryOf(input, now),
    createdAt: now,
    updatedAt: null,
  };
  const plain = await mintPersonalToken(deps.ring, deps.issuerUrl, record);
  const stored = await deps.store.createPersonalToken(record, MAX_ACTIVE_PERSONAL_TOKENS, now);
  if (stored.status === "limit") {
    throw new DomainError("CONFLICT", "the user already has 50 active personal tokens");
  }
  if (stored.status === "name_taken") {
    throw new DomainError("CONFLICT", `an active personal token is already named ${input.name}`);
  }
  await deps.db.insert(events).values(recorded(deps, "user.personal-token.created", record));
  return { token: personalTokenToWire(record, deps.issuerId, now), plain };
}

/** A page of a user's tokens, newest first (`status` filters; `expired` is derived). */
export async function listPersonalTokens(
  deps: Pick<PersonalTokenDeps, "db" | "store" | "issuerId" | "ctx">,
  userId: string,
  query: z.output<typeof PersonalTokenListQuery>,
) {
  const user = await getUser(deps.db, deps.issuerId, userId);
  const rows = await deps.store.listPersonalTokens(
    { userId: user.id, cursor: query.cursor, limit: query.limit + 1, status: query.status },
    deps.ctx.now,
  );
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((r) => personalTokenToWire(r, deps.issuerId, deps.ctx.now)),
    has_more: rows.length > query.limit,
    next_cursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One token of the issuer by id; the token itself is never kept, so never shown. */
export async function getPersonalToken(deps: PersonalTokenDeps, tokenId: string) {
  const record = await deps.store.getPersonalToken(tokenId);
  if (!record) throw notFound("Personal token");
  return personalTokenToWire(record, deps.issuerId, deps.ctx.now);
}

/** Revokes for good: introspection and /userinfo refuse it at once. */
export async function revokePersonalToken(
  deps: PersonalTokenDeps,
  tokenId: string,
  reason: string | null,
) {
  const before = await deps.store.getPersonalToken(tokenId);
  if (!before) throw notFound("Personal token");
  const by = deps.ctx.actor.id ?? deps.ctx.actor.type;
  const after = await deps.store.revokePersonalToken(tokenId, { reason, by }, deps.ctx.now);
  if (!after) throw notFound("Personal token");
  if (before.status !== after.status) {
    await deps.db.insert(events).values(recorded(deps, "user.personal-token.updated", after));
  }
  return personalTokenToWire(after, deps.issuerId, deps.ctx.now);
}

/** Removes the record, so the token matches nothing any more (introspection: `not_found`). */
export async function deletePersonalToken(deps: PersonalTokenDeps, tokenId: string) {
  const gone = await deps.store.deletePersonalToken(tokenId);
  if (!gone) throw notFound("Personal token");
  await deps.db.insert(events).values(recorded(deps, "user.personal-token.deleted", gone));
}
