import { and, asc, count, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { authMethods, events } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { type ListQuery, type Page, toPage } from "../pagination.ts";
import { checkWebAuthnSettings } from "../passkeys/webauthn-settings.ts";
import type { CreateAuthMethodInput, UpdateAuthMethodInput } from "./auth-method-input.ts";
import { FIRST_FACTOR_ONLY_BY_DEFAULT } from "./auth-method-settings.ts";
import { type AuthMethodType, SINGLE_METHODS } from "./auth-method-types.ts";
import { type AuthMethodRow, authMethodToWire } from "./auth-method-wire.ts";
import { checkAvailable } from "./availability.ts";
import { appleKeySealed, resolveSettings } from "./method-settings.ts";

/** What the Core API knows of the deployment: the IdP's base URL (the pages' origin). */
export interface AuthMethodContext {
  idpBaseUrl?: string;
}

/** Settings that depend on the deployment: a webauthn `rp_id` must fit the IdP's host. */
function checkDeployment(
  method: AuthMethodType,
  settings: Record<string, unknown>,
  deployment: AuthMethodContext,
): void {
  if (method === "webauthn" && deployment.idpBaseUrl) {
    checkWebAuthnSettings(settings, deployment.idpBaseUrl);
  }
}

/** An issuer configures at most this many auth methods. */
export const MAX_AUTH_METHODS_PER_ISSUER = 50;

function methodEvent(ctx: MutationContext, type: EventType, row: AuthMethodRow) {
  return buildEventRow(ctx, {
    type,
    issuerId: row.issuerId,
    subject: { type: "auth_method", id: row.id },
    data: { auth_method_id: row.id, method: row.method, name: row.name, enabled: row.enabled },
  });
}

/** An auth method of this issuer; another issuer's is a 404. */
export async function getAuthMethod(
  db: Db,
  issuerId: string,
  methodId: string,
): Promise<AuthMethodRow> {
  const row = await db.query.authMethods.findFirst({
    where: and(eq(authMethods.id, methodId), eq(authMethods.issuerId, issuerId)),
  });
  if (!row) throw notFound("Auth method");
  return row;
}

/** The issuer's auth methods in the order they were added. */
export async function listAuthMethods(
  db: Db,
  issuerId: string,
  query: ListQuery,
): Promise<Page<ReturnType<typeof authMethodToWire>>> {
  const rows = await db
    .select()
    .from(authMethods)
    .where(
      and(
        eq(authMethods.issuerId, issuerId),
        query.cursor ? gt(authMethods.id, query.cursor) : undefined,
      ),
    )
    .orderBy(asc(authMethods.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => row.id, authMethodToWire);
}

async function checkRoom(db: Db, issuerId: string, method: AuthMethodType): Promise<void> {
  const rows = await db
    .select({ method: authMethods.method, n: count() })
    .from(authMethods)
    .where(eq(authMethods.issuerId, issuerId))
    .groupBy(authMethods.method);
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  if (total >= MAX_AUTH_METHODS_PER_ISSUER) {
    throw new DomainError(
      "CONFLICT",
      `An issuer has at most ${MAX_AUTH_METHODS_PER_ISSUER} auth methods`,
    );
  }
  if (SINGLE_METHODS.has(method) && rows.some((row) => row.method === method)) {
    throw new DomainError("CONFLICT", `The issuer already has a ${method} method; update that one`);
  }
}

/** Adds an auth method; kinds the IdP cannot offer yet may only be stored disabled. */
export async function createAuthMethod(
  db: Db,
  ctx: MutationContext,
  sealKey: string,
  issuerId: string,
  input: CreateAuthMethodInput,
  deployment: AuthMethodContext = {},
): Promise<AuthMethodRow> {
  checkAvailable(input.method, input.enabled);
  const { settings, clientSecretSealed } = await resolveSettings(
    input.method,
    input.settings,
    sealKey,
  );
  checkDeployment(input.method, settings, deployment);
  await checkRoom(db, issuerId, input.method);
  const row: AuthMethodRow = {
    id: newId("authMethod", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    name: input.name,
    method: input.method,
    enabled: input.enabled,
    firstFactorOnly: input.first_factor_only ?? FIRST_FACTOR_ONLY_BY_DEFAULT.has(input.method),
    settings,
    clientSecretSealed,
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(authMethods).values(row),
    db.insert(events).values(methodEvent(ctx, "issuer.auth-method.created", row)),
  ]);
  return row;
}

/** Renames, enables or disables a method, or merges its settings, under If-Match. */
export async function updateAuthMethod(
  db: Db,
  ctx: MutationContext,
  sealKey: string,
  issuerId: string,
  methodId: string,
  input: UpdateAuthMethodInput,
  ifMatch?: string | null,
  deployment: AuthMethodContext = {},
): Promise<AuthMethodRow> {
  const current = await getAuthMethod(db, issuerId, methodId);
  checkIfMatch(ifMatch, etagOf(current));
  const method = current.method;
  const enabled = input.enabled ?? current.enabled;
  checkAvailable(method, enabled);
  const resolved = input.settings
    ? await resolveSettings(
        method,
        { ...current.settings, ...input.settings },
        sealKey,
        current.clientSecretSealed,
        appleKeySealed(current),
      )
    : { settings: current.settings, clientSecretSealed: current.clientSecretSealed };
  if (input.settings) checkDeployment(method, resolved.settings, deployment);
  const next: AuthMethodRow = {
    ...current,
    name: input.name ?? current.name,
    enabled,
    firstFactorOnly: input.first_factor_only ?? current.firstFactorOnly,
    ...resolved,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(authMethods).set(next).where(eq(authMethods.id, methodId)),
    db.insert(events).values(methodEvent(ctx, "issuer.auth-method.updated", next)),
  ]);
  return next;
}

/** Deletes an auth method under If-Match. */
export async function deleteAuthMethod(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  methodId: string,
  ifMatch?: string | null,
): Promise<void> {
  const current = await getAuthMethod(db, issuerId, methodId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(authMethods).where(eq(authMethods.id, methodId)),
    db.insert(events).values(methodEvent(ctx, "issuer.auth-method.deleted", current)),
  ]);
}
