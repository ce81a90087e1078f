import { z } from "zod";
import { defaultAuthMethodRows } from "../auth-methods/default-auth-methods.ts";
import { insertRows } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { authMethods, events, issuers } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { Metadata } from "../input/free-form.ts";
import { IssuerLinks, IssuerSettingsCreate, IssuerSettingsInput } from "./issuer-settings.ts";
import type { IssuerRow } from "./issuer-wire.ts";
import { alignSignupPolicy, withAllowNewUsers } from "./signup-alignment.ts";

export const CreateIssuerInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullish(),
  links: IssuerLinks.nullish(),
  available_scopes: z.array(z.string().min(1).max(200)).max(500).nullish(),
  status: z.enum(["active", "disabled"]).nullish(),
  settings: IssuerSettingsCreate.nullish(),
  metadata: Metadata.nullish(),
});
export type CreateIssuerInput = z.infer<typeof CreateIssuerInput>;

/**
 * Creates an issuer with its default auth methods (password, passkeys, authenticator app,
 * backup codes) and records `issuer.created`, all in one D1 batch.
 */
export async function createIssuer(
  db: Db,
  ctx: MutationContext,
  input: CreateIssuerInput,
): Promise<IssuerRow> {
  const row: IssuerRow = {
    id: newId("issuer", ctx.now),
    accountId: ctx.accountId,
    name: input.name,
    description: input.description ?? null,
    links: (input.links as IssuerRow["links"]) ?? null,
    availableScopes: input.available_scopes ?? [],
    status: input.status ?? "active",
    statusAt: ctx.now,
    settings: withAllowNewUsers(
      IssuerSettingsInput.parse(alignSignupPolicy(input.settings ?? {}, "invite_only")),
    ),
    metadata: input.metadata ?? {},
    createdAt: ctx.now,
    updatedAt: null,
  };
  const methods = defaultAuthMethodRows(ctx, row.id);
  await db.batch([
    db.insert(issuers).values(row),
    ...insertRows(db, authMethods, methods),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "issuer.created",
        issuerId: row.id,
        subject: { type: "issuer", id: row.id },
        data: { name: row.name, auth_methods: methods.map((m) => m.method) },
      }),
    ),
  ]);
  return row;
}
