import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";
import { newSecret } from "../api-keys/api-key-secret.ts";
import type { Db } from "../db/client.ts";
import { clients, events } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { Metadata } from "../input/free-form.ts";
import { redirectUriProblem } from "../oauth/redirect-uri.ts";
import { defaultClientName, flattenOpenId, resolveClientType } from "./client-kind.ts";
import { CLIENT_TYPES, ClientSettings, isConfidential } from "./client-settings.ts";
import type { ClientRow } from "./client-wire.ts";

/**
 * `type` may be left out when `confidential` or `settings.openid.application_type` says it
 * (AuthPI's native-client registration); `name` then defaults to the type's label.
 */
export const CreateClientInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  type: z.enum(CLIENT_TYPES).optional(),
  confidential: z.boolean().optional(),
  description: z.string().max(5000).nullish(),
  logo_url: z.string().url().nullish(),
  settings: ClientSettings.prefault({}),
  metadata: Metadata.nullish(),
});
export type CreateClientInput = z.output<typeof CreateClientInput>;

/**
 * A front- or back-channel logout URI must be absolute http(s) without a fragment (OIDC
 * Front-Channel Logout 1.0 §2, Back-Channel Logout 1.0 §2.2), under the same rules as the
 * client's redirect URIs (https, or http to a loopback host).
 */
function logoutUriProblem(uri: string, type: string): string | null {
  const url = URL.parse(uri);
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return "must be an absolute http(s) URL";
  }
  if (uri.includes("#")) return "must not contain a fragment";
  return redirectUriProblem(uri, type);
}

/** Rejects redirect URIs and grants that do not fit the client type. */
export function checkClientSettings(type: string, settings: ClientSettings): void {
  const fields = [...settings.redirect_uris, ...settings.post_logout_redirect_uris].flatMap(
    (uri) => {
      const problem = redirectUriProblem(uri, type);
      return problem
        ? [{ field: "settings.redirect_uris", code: "invalid_uri", message: `${uri} ${problem}` }]
        : [];
    },
  );
  for (const field of ["frontchannel_logout_uri", "backchannel_logout_uri"] as const) {
    const uri = settings[field];
    const problem = uri ? logoutUriProblem(uri, type) : null;
    if (problem) {
      fields.push({
        field: `settings.${field}`,
        code: "invalid_uri",
        message: `${uri} ${problem}`,
      });
    }
  }
  const grants = settings.grant_types ?? [];
  if (!isConfidential(type) && grants.includes("client_credentials")) {
    fields.push({
      field: "settings.grant_types",
      code: "not_allowed",
      message: "public clients cannot use client_credentials",
    });
  }
  // An m2m client acts for itself; a grant that signs a user in needs a web, spa or native client.
  const userGrants = grants.filter((g) => g !== "client_credentials");
  if (type === "m2m" && userGrants.length > 0) {
    fields.push({
      field: "settings.grant_types",
      code: "not_allowed",
      message: `an m2m client cannot use ${userGrants.join(", ")}`,
    });
  }
  if (fields.length > 0) {
    throw new DomainError("VALIDATION_FAILED", fields.map((f) => f.message).join("; "), { fields });
  }
}

/**
 * Creates a client; confidential clients get a secret, shown once, stored as SHA-256.
 * `options.id` and `options.eventData` let dynamic registration name the client it acts as;
 * `options.also` are statements written in the same batch.
 */
export async function createClient(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  input: CreateClientInput,
  options: { id?: string; eventData?: Record<string, unknown>; also?: BatchItem<"sqlite">[] } = {},
): Promise<{ client: ClientRow; secret: string | null }> {
  const type = resolveClientType(input);
  const settings = flattenOpenId(input.settings);
  checkClientSettings(type, settings);
  const secret = isConfidential(type) ? await newSecret() : null;
  const row: ClientRow = {
    id: options.id ?? newId("client", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    type,
    name: input.name ?? defaultClientName(type),
    description: input.description ?? null,
    logoUrl: input.logo_url ?? null,
    status: "active",
    statusAt: ctx.now,
    settings,
    secretHash: secret?.hash ?? null,
    secretHint: secret?.hint ?? null,
    secretRotatedAt: secret ? ctx.now : null,
    previousSecretHash: null,
    previousSecretExpiresAt: null,
    metadata: input.metadata ?? {},
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(clients).values(row),
    db.insert(events).values(
      buildEventRow(ctx, {
        type: "client.created",
        issuerId,
        subject: { type: "client", id: row.id },
        data: { type: row.type, name: row.name, ...options.eventData },
      }),
    ),
    ...(options.also ?? []),
  ]);
  return { client: row, secret: secret?.plain ?? null };
}
