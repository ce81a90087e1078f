import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import {
  accountDomains,
  agents,
  agentVerifiers,
  authMethods,
  clients,
  events,
  invitations,
  issuers,
  memberships,
  organizationGroups,
  organizationSsoDomains,
  organizations,
  trustedDevices,
  users,
  userVerifiers,
} from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { Metadata } from "../input/free-form.ts";
import { deleteIssuerNotes } from "../notes/notes-about.ts";
import { getAccountIssuer } from "./find-issuer.ts";
import {
  IssuerLinks,
  IssuerSettings,
  IssuerSettingsInput,
  IssuerSettingsPatch,
} from "./issuer-settings.ts";
import type { IssuerRow } from "./issuer-wire.ts";
import { checkShardGrowth } from "./shard-growth.ts";
import { alignSignupPolicy, withAllowNewUsers } from "./signup-alignment.ts";

/** PATCH: `settings` merges into the current settings, key by key, at every depth. */
export const UpdateIssuerInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5000).nullish(),
  links: IssuerLinks.nullish(),
  available_scopes: z.array(z.string().min(1).max(200)).max(500).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  settings: IssuerSettingsPatch.optional(),
  metadata: Metadata.nullish(),
});
export type UpdateIssuerInput = z.output<typeof UpdateIssuerInput>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON merge patch (RFC 7396): objects merge, `null` removes a key, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** The patch over the stored settings (read leniently, so keys no longer known drop out), validated whole. */
function mergedSettings(current: IssuerSettings, patch: IssuerSettingsPatch): IssuerSettings {
  const stored = IssuerSettings.parse(current);
  const aligned = alignSignupPolicy(patch, stored.access.mode);
  const parsed = IssuerSettingsInput.safeParse(mergePatch(stored, aligned));
  if (parsed.success) return withAllowNewUsers(parsed.data);
  const fields = parsed.error.issues.map((issue) => ({
    field: ["settings", ...issue.path].join("."),
    code: issue.code,
    message: issue.message,
  }));
  throw new DomainError(
    "VALIDATION_FAILED",
    fields.map((f) => `${f.field}: ${f.message}`).join("; "),
    { fields },
  );
}

export async function updateIssuer(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  input: UpdateIssuerInput,
  ifMatch?: string | null,
): Promise<IssuerRow> {
  const current = await getAccountIssuer(db, ctx.accountId, issuerId);
  checkIfMatch(ifMatch, etagOf(current));
  const statusChanged = input.status !== undefined && input.status !== current.status;
  const settings = input.settings
    ? mergedSettings(current.settings, input.settings)
    : current.settings;
  if (input.settings) checkShardGrowth(current.settings, settings);
  const next: IssuerRow = {
    ...current,
    name: input.name ?? current.name,
    description: input.description !== undefined ? input.description : current.description,
    links: input.links !== undefined ? (input.links as IssuerRow["links"]) : current.links,
    availableScopes: input.available_scopes ?? current.availableScopes,
    status: input.status ?? current.status,
    statusAt: statusChanged ? ctx.now : current.statusAt,
    settings,
    metadata: input.metadata ?? current.metadata,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(issuers).set(next).where(eq(issuers.id, issuerId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "issuer.updated",
        issuerId,
        subject: { type: "issuer", id: issuerId },
        data: { name: next.name, status: next.status, changed: Object.keys(input) },
      }),
    ),
  ]);
  return next;
}

/**
 * Deletes an issuer with its clients, users, agents, credentials, organizations and memberships in one
 * D1 batch; the IdP stops serving it once its 30 s issuer cache lapses. Events stay (audit).
 */
export async function deleteIssuer(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  ifMatch?: string | null,
): Promise<void> {
  const current = await getAccountIssuer(db, ctx.accountId, issuerId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(memberships).where(eq(memberships.issuerId, issuerId)),
    db.delete(invitations).where(eq(invitations.issuerId, issuerId)),
    db.delete(organizationGroups).where(eq(organizationGroups.issuerId, issuerId)),
    db.delete(organizationSsoDomains).where(eq(organizationSsoDomains.issuerId, issuerId)),
    db.delete(organizations).where(eq(organizations.issuerId, issuerId)),
    db.delete(userVerifiers).where(eq(userVerifiers.issuerId, issuerId)),
    db.delete(users).where(eq(users.issuerId, issuerId)),
    db.delete(clients).where(eq(clients.issuerId, issuerId)),
    db.delete(agentVerifiers).where(eq(agentVerifiers.issuerId, issuerId)),
    db.delete(agents).where(eq(agents.issuerId, issuerId)),
    db.delete(authMethods).where(eq(authMethods.issuerId, issuerId)),
    db.delete(trustedDevices).where(eq(trustedDevices.issuerId, issuerId)),
    ...deleteIssuerNotes(db, issuerId),
    // Its custom domains stay with the account, unassigned.
    db
      .update(accountDomains)
      .set({ assignedIssuerId: null, assignedAt: null, updatedAt: ctx.now })
      .where(eq(accountDomains.assignedIssuerId, issuerId)),
    db.delete(issuers).where(eq(issuers.id, issuerId)),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "issuer.deleted",
        issuerId,
        subject: { type: "issuer", id: issuerId },
        data: { name: current.name },
      }),
    ),
  ]);
}
