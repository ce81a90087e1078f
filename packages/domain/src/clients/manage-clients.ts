import { and, desc, eq, lt, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { newSecret } from "../api-keys/api-key-secret.ts";
import type { Db } from "../db/client.ts";
import { clients, events } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { Metadata } from "../input/free-form.ts";
import { containsText, SearchParam, searchCondition } from "../list-filters.ts";
import { ListQuery, type Page, toPage } from "../pagination.ts";
import { flattenOpenId, resolveClientType } from "./client-kind.ts";
import {
  CLIENT_TYPES,
  ClientSettings,
  type ClientType,
  isConfidential,
} from "./client-settings.ts";
import { type ClientRow, clientToListItem } from "./client-wire.ts";
import { checkClientSettings } from "./create-client.ts";

/** After a secret rotation the previous secret keeps working this long (AuthPI: 15 minutes). */
export const CLIENT_SECRET_GRACE_MS = 15 * 60_000;

/** `deleted` matches nothing: a deleted client is gone (hard delete). */
export const ClientFilters = ListQuery.extend({
  q: SearchParam.optional(),
  status: z.enum(["active", "disabled", "deleted"]).optional(),
  application_type: z.enum(CLIENT_TYPES).optional(),
  /** `ready`: active and able to sign users in (a redirect URI, or m2m); `needs_redirect_uri`; `disabled`. */
  readiness: z.enum(["ready", "needs_redirect_uri", "disabled"]).optional(),
  /** Case-insensitive "contains" on the name. */
  name: z.string().min(1).max(200).optional(),
});

const hasRedirectUri = or(
  eq(clients.type, "m2m"),
  sql`json_array_length(json_extract(${clients.settings}, '$.redirect_uris')) > 0`,
);

function clientReadiness(readiness: z.output<typeof ClientFilters>["readiness"]): SQL | undefined {
  if (readiness === "disabled") return ne(clients.status, "active");
  if (readiness === "ready") return and(eq(clients.status, "active"), hasRedirectUri);
  if (readiness === "needs_redirect_uri")
    return and(eq(clients.status, "active"), sql`not (${hasRedirectUri})`);
  return undefined;
}

export const UpdateClientInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5000).nullish(),
  logo_url: z.string().url().nullish(),
  /** Replaces the settings; omitted keys take their defaults. */
  settings: ClientSettings.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  metadata: Metadata.nullish(),
});
export type UpdateClientInput = z.output<typeof UpdateClientInput>;

export async function getClient(db: Db, issuerId: string, clientId: string): Promise<ClientRow> {
  const row = await db.query.clients.findFirst({
    where: and(eq(clients.id, clientId), eq(clients.issuerId, issuerId)),
  });
  if (!row) throw notFound("Client");
  return row;
}

export async function listClients(
  db: Db,
  issuerId: string,
  query: z.output<typeof ClientFilters>,
): Promise<Page<ReturnType<typeof clientToListItem>>> {
  const rows = await db
    .select()
    .from(clients)
    .where(
      and(
        eq(clients.issuerId, issuerId),
        query.status ? eq(clients.status, query.status) : undefined,
        query.q ? searchCondition(clients.name, clients.id, query.q) : undefined,
        query.application_type ? eq(clients.type, query.application_type) : undefined,
        clientReadiness(query.readiness),
        query.name ? containsText(clients.name, query.name) : undefined,
        query.cursor ? lt(clients.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(clients.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => row.id, clientToListItem);
}

function recorded(
  ctx: MutationContext,
  type: EventType,
  row: ClientRow,
  data: Record<string, unknown> = {},
) {
  return buildEventRow(ctx, {
    type,
    issuerId: row.issuerId,
    subject: { type: "client", id: row.id },
    data: { name: row.name, ...data },
  });
}

/** Updates a client with If-Match; the IdP sees the change within its 10 s client cache. */
export async function updateClient(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  clientId: string,
  input: UpdateClientInput,
  ifMatch?: string | null,
): Promise<ClientRow> {
  const current = await getClient(db, issuerId, clientId);
  checkIfMatch(ifMatch, etagOf(current));
  const type = current.type as ClientType;
  const settings = input.settings && flattenOpenId(input.settings);
  if (input.settings && settings) {
    resolveClientType({ type, settings: input.settings });
    checkClientSettings(type, settings);
  }
  const statusChanged = input.status !== undefined && input.status !== current.status;
  const next: ClientRow = {
    ...current,
    name: input.name ?? current.name,
    description: input.description !== undefined ? input.description : current.description,
    logoUrl: input.logo_url !== undefined ? input.logo_url : current.logoUrl,
    settings: settings ?? current.settings,
    status: input.status ?? current.status,
    statusAt: statusChanged ? ctx.now : current.statusAt,
    metadata: input.metadata ?? current.metadata,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(clients).set(next).where(eq(clients.id, clientId)),
    db.insert(events).values(recorded(ctx, "client.updated", next, { status: next.status })),
  ]);
  return next;
}

export async function deleteClient(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  clientId: string,
  ifMatch?: string | null,
) {
  const current = await getClient(db, issuerId, clientId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(clients).where(eq(clients.id, clientId)),
    db.insert(events).values(recorded(ctx, "client.deleted", current)),
  ]);
}

/** A new secret for a confidential client; the old one keeps working for 15 minutes. */
export async function rotateClientSecret(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  clientId: string,
): Promise<{ client: ClientRow; secret: string }> {
  const current = await getClient(db, issuerId, clientId);
  if (!isConfidential(current.type))
    throw new DomainError("CONFLICT", "public clients have no secret");
  const secret = await newSecret();
  const next: ClientRow = {
    ...current,
    secretHash: secret.hash,
    secretHint: secret.hint,
    secretRotatedAt: ctx.now,
    previousSecretHash: current.secretHash,
    previousSecretExpiresAt: ctx.now + CLIENT_SECRET_GRACE_MS,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(clients).set(next).where(eq(clients.id, clientId)),
    db.insert(events).values(recorded(ctx, "client.secret.rotated", next)),
  ]);
  return { client: next, secret: secret.plain };
}
