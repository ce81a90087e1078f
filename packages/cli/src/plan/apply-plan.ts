import { createHash } from "node:crypto";
import { ApiError } from "../api/api-error.ts";
import type { CoreClient } from "../api/core-client.ts";
import { CliError } from "../exit-codes.ts";
import { fieldDiffs } from "./compare.ts";
import { KINDS } from "./kinds.ts";
import type { Wire } from "./live-state.ts";
import type { Change, Plan } from "./plan.ts";

/** A secret the Core API showed once, on a create. */
export interface ShownSecret {
  address: string;
  id: string;
  name: string;
  value: string;
}

export interface AppliedChange {
  action: Change["action"];
  kind: Change["kind"];
  address: string;
  id: string;
}

/**
 * The `Idempotency-Key` of a create, derived from the account, the path and the body: a
 * pipeline that retries the same apply gets the first response back instead of a duplicate.
 */
export function idempotencyKeyFor(accountId: string, path: string, body: unknown): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([accountId, path, body]))
    .digest("base64url");
  return `authpi-apply-${digest}`;
}

function secretsOf(change: Change, wire: Wire): ShownSecret[] {
  const found: [string, unknown][] = [
    ["client_secret", wire.secret],
    ["signature_secret", (wire.auth as Wire | undefined)?.signature_secret_plain],
    ["bearer_token", (wire.auth as Wire | undefined)?.bearer_token_plain],
  ];
  return found
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .map(([name, value]) => ({ address: change.address, id: wire.id as string, name, value }));
}

function omit(body: Wire, fields: readonly string[]): Wire {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !fields.includes(key)));
}

function staleError(change: Change, error: unknown): never {
  if (error instanceof ApiError && error.status === 412) {
    throw new CliError(
      `${change.address} changed since it was read (412); run authpi plan again`,
      undefined,
      error.body,
    );
  }
  throw error;
}

/** Creates under a derived key; a replay of a resource since deleted is created afresh. */
async function create(client: CoreClient, path: string, body: Wire) {
  const key = idempotencyKeyFor(await client.accountId(), path, body);
  const first = await client.request<Wire>("POST", path, { body, idempotencyKey: key });
  if (!first.replayed) return first;
  try {
    await client.request("GET", `${path}/${first.data.id as string}`);
    return first;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
    const fresh = `${key}-${Date.now().toString(36)}`;
    return client.request<Wire>("POST", path, { body, idempotencyKey: fresh });
  }
}

/**
 * A new issuer comes with its default auth methods: a planned create of one of those kinds
 * updates the default instead (the Core API allows one per kind; oauth2 one per name).
 */
async function createAuthMethod(client: CoreClient, path: string, body: Wire) {
  const existing = await client.listAll<Wire>(path);
  const found = existing.find((m) =>
    body.method === "oauth2"
      ? m.method === "oauth2" && m.name === body.name
      : m.method === body.method,
  );
  if (!found) return create(client, path, body);
  const { method: _method, ...fields } = body;
  if (fieldDiffs(fields, found, "").length === 0) return { data: found, etag: null };
  const etag = `"${(found.updated_at as number | null) ?? (found.created_at as number)}"`;
  return client.request<Wire>("PATCH", `${path}/${found.id as string}`, {
    body: fields,
    ifMatch: etag,
  });
}

/**
 * Carries out a plan in order. Updates and deletes send `If-Match` with the tag read at plan
 * time (RFC 9110 §13.1.1), so a change made meanwhile stops the apply instead of being lost.
 */
export async function applyPlan(
  client: CoreClient,
  plan: Plan,
  onSecret: (secret: ShownSecret) => void | Promise<void>,
): Promise<AppliedChange[]> {
  const issuerIds = new Map<string, string>();
  const applied: AppliedChange[] = [];
  for (const change of plan.changes) {
    const spec = KINDS[change.kind];
    const issuerId =
      change.issuerId ?? (change.issuerAddress ? issuerIds.get(change.issuerAddress) : undefined);
    if (change.issuerAddress && !issuerId) {
      throw new CliError(`${change.address}: its issuer ${change.issuerAddress} does not exist`);
    }
    const path = await client.accountPath(spec.collection.replace("{issuer}", issuerId ?? ""));
    let id = change.id as string;
    if (change.action === "create") {
      const wanted = change.body ?? {};
      const body = omit(wanted, spec.createOmit);
      const created =
        change.kind === "auth_method"
          ? await createAuthMethod(client, path, body)
          : await create(client, path, body);
      id = created.data.id as string;
      for (const secret of secretsOf(change, created.data)) await onSecret(secret);
      const rest = Object.fromEntries(spec.createOmit.map((f) => [f, wanted[f]]));
      if (fieldDiffs(rest, created.data, "").length > 0) {
        await client.request("PATCH", `${path}/${id}`, {
          body: rest,
          ifMatch: created.etag ?? undefined,
        });
      }
    } else if (change.action === "update") {
      await client
        .request("PATCH", `${path}/${id}`, { body: change.body, ifMatch: change.etag })
        .catch((error) => staleError(change, error));
    } else {
      await client
        .request("DELETE", `${path}/${id}`, { ifMatch: change.etag })
        .catch((error) => staleError(change, error));
    }
    if (change.kind === "issuer") issuerIds.set(change.address, id);
    applied.push({ action: change.action, kind: change.kind, address: change.address, id });
  }
  return applied;
}
