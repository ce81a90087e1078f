import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { events, webhookAttempts, webhookDeliveries, webhooks } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { type ListQuery, type Page, toPage } from "../pagination.ts";
import { type UrlPolicy, webhookUrlProblem } from "./url-policy.ts";
import {
  type CreateWebhookInput,
  type UpdateWebhookInput,
  usesBearer,
  usesSignature,
} from "./webhook-input.ts";
import {
  hint,
  newBearerToken,
  newSigningSecret,
  sealBearerToken,
  sealSigningSecret,
} from "./webhook-secrets.ts";
import { type WebhookRow, webhookToWire } from "./webhook-wire.ts";

/** Sealing key and URL policy: configuration the caller passes in. */
export interface WebhookConfig {
  secretKey: string;
  urlPolicy: UrlPolicy;
}

/** During a rotation the previous signing secret still signs for 24 hours. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

const subject = (id: string) => ({ type: "webhook", id });

function checkUrl(url: string, policy: UrlPolicy): void {
  const problem = webhookUrlProblem(url, policy);
  if (problem) {
    throw new DomainError("VALIDATION_FAILED", `url ${problem}`, {
      fields: [{ field: "url", code: "invalid_url", message: problem }],
    });
  }
}

export async function getWebhook(
  db: Db,
  accountId: string,
  webhookId: string,
): Promise<WebhookRow> {
  const row = await db.query.webhooks.findFirst({
    where: and(eq(webhooks.id, webhookId), eq(webhooks.accountId, accountId)),
  });
  if (!row) throw notFound("Webhook");
  return row;
}

/** Creates a webhook; its secrets are returned in clear this once and stored sealed. */
export async function createWebhook(
  db: Db,
  ctx: MutationContext,
  config: WebhookConfig,
  input: CreateWebhookInput,
): Promise<{ webhook: WebhookRow; signatureSecret: string | null; bearerToken: string | null }> {
  checkUrl(input.url, config.urlPolicy);
  const signatureSecret = usesSignature(input.auth.type) ? newSigningSecret() : null;
  const bearerToken = usesBearer(input.auth.type) ? newBearerToken() : null;
  const row: WebhookRow = {
    id: newId("webhook", ctx.now),
    accountId: ctx.accountId,
    name: input.name,
    description: input.description ?? null,
    url: input.url,
    status: "active",
    statusAt: ctx.now,
    statusReason: null,
    statusBy: null,
    events: input.events,
    authType: input.auth.type,
    signatureSecretSealed: signatureSecret
      ? await sealSigningSecret(config.secretKey, signatureSecret)
      : null,
    signatureSecretHint: signatureSecret ? hint(signatureSecret) : null,
    previousSignatureSecretSealed: null,
    previousSecretExpiresAt: null,
    bearerTokenSealed: bearerToken ? await sealBearerToken(config.secretKey, bearerToken) : null,
    bearerTokenHint: bearerToken ? hint(bearerToken) : null,
    consecutiveFailures: 0,
    failingSince: null,
    metadata: input.metadata ?? {},
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(webhooks).values(row),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "webhook.created",
        subject: subject(row.id),
        data: { url: row.url, events: row.events },
      }),
    ),
  ]);
  return { webhook: row, signatureSecret, bearerToken };
}

export async function listWebhooks(
  db: Db,
  accountId: string,
  query: ListQuery & { status?: string | undefined },
): Promise<Page<ReturnType<typeof webhookToWire>>> {
  const rows = await db
    .select()
    .from(webhooks)
    .where(
      and(
        eq(webhooks.accountId, accountId),
        query.status ? eq(webhooks.status, query.status) : undefined,
        query.cursor ? lt(webhooks.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(webhooks.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => row.id, webhookToWire);
}

/** PATCH with If-Match; `status` pauses or resumes and resets the failure count. */
export async function updateWebhook(
  db: Db,
  ctx: MutationContext,
  config: WebhookConfig,
  webhookId: string,
  input: UpdateWebhookInput,
  ifMatch?: string | null,
): Promise<WebhookRow> {
  const current = await getWebhook(db, ctx.accountId, webhookId);
  checkIfMatch(ifMatch, etagOf(current));
  if (input.url !== undefined) checkUrl(input.url, config.urlPolicy);
  const statusChanged = input.status !== undefined && input.status !== current.status;
  const next: WebhookRow = {
    ...current,
    name: input.name ?? current.name,
    description: input.description !== undefined ? input.description : current.description,
    url: input.url ?? current.url,
    events: input.events ?? current.events,
    metadata: input.metadata ?? current.metadata,
    status: input.status ?? current.status,
    statusAt: statusChanged ? ctx.now : current.statusAt,
    statusReason: statusChanged ? null : current.statusReason,
    statusBy: statusChanged ? (ctx.actor.id ?? null) : current.statusBy,
    consecutiveFailures: statusChanged ? 0 : current.consecutiveFailures,
    failingSince: statusChanged ? null : current.failingSince,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  const type = !statusChanged
    ? "webhook.updated"
    : next.status === "disabled"
      ? "webhook.paused"
      : "webhook.resumed";
  await db.batch([
    db.update(webhooks).set(next).where(eq(webhooks.id, webhookId)),
    db
      .insert(events)
      .values(
        buildEventRow(ctx, { type, subject: subject(webhookId), data: { status: next.status } }),
      ),
  ]);
  return next;
}

export async function deleteWebhook(
  db: Db,
  ctx: MutationContext,
  webhookId: string,
  ifMatch?: string | null,
) {
  const current = await getWebhook(db, ctx.accountId, webhookId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(webhookAttempts).where(eq(webhookAttempts.webhookId, webhookId)),
    db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)),
    db.delete(webhooks).where(eq(webhooks.id, webhookId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "webhook.deleted",
        subject: subject(webhookId),
        data: { url: current.url },
      }),
    ),
  ]);
}

/** A new signing secret; the previous one keeps signing for the overlap window. */
export async function rotateSigningSecret(
  db: Db,
  ctx: MutationContext,
  config: WebhookConfig,
  webhookId: string,
): Promise<{ webhook: WebhookRow; signatureSecret: string }> {
  const current = await getWebhook(db, ctx.accountId, webhookId);
  if (!usesSignature(current.authType)) {
    throw new DomainError("CONFLICT", "this webhook does not sign its deliveries");
  }
  const signatureSecret = newSigningSecret();
  const next: WebhookRow = {
    ...current,
    signatureSecretSealed: await sealSigningSecret(config.secretKey, signatureSecret),
    signatureSecretHint: hint(signatureSecret),
    previousSignatureSecretSealed: current.signatureSecretSealed,
    previousSecretExpiresAt: ctx.now + ROTATION_OVERLAP_MS,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(webhooks).set(next).where(eq(webhooks.id, webhookId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "webhook.secret.rotated",
        subject: subject(webhookId),
        data: { previous_expires_at: next.previousSecretExpiresAt },
      }),
    ),
  ]);
  return { webhook: next, signatureSecret };
}
