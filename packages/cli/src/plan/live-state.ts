import type { CoreClient } from "../api/core-client.ts";
import { MANAGED_KEY } from "../config/schema.ts";

export type Wire = Record<string, unknown>;

export type ResourceKind = "issuer" | "auth_method" | "client" | "organization" | "webhook";

/** A resource as the Core API shows it, with the tag to send in `If-Match`. */
export interface LiveResource {
  id: string;
  etag: string;
  wire: Wire;
}

export interface LiveIssuer extends LiveResource {
  /** Children are read only for the issuers a command needs them for. */
  children?: {
    authMethods: LiveResource[];
    clients: LiveResource[];
    organizations: LiveResource[];
  };
}

export interface LiveState {
  issuers: LiveIssuer[];
  webhooks: LiveResource[];
}

/** The key a resource carries in its metadata (`authpi_key`), or null when unmanaged. */
export function keyOf(wire: Wire): string | null {
  const metadata = wire.metadata as Record<string, unknown> | null | undefined;
  const key = metadata?.[MANAGED_KEY];
  return typeof key === "string" ? key : null;
}

/** The Core API's strong ETag: the last change in ms, quoted (RFC 9110 §8.8.3). */
function etagFromWire(wire: Wire): string {
  return `"${(wire.updated_at as number | null) ?? (wire.created_at as number)}"`;
}

function fromWire(wire: Wire, etag?: string | null): LiveResource {
  return { id: wire.id as string, etag: etag ?? etagFromWire(wire), wire };
}

/** Reads the children of one issuer; client lists leave out settings, so each client is read. */
async function readChildren(client: CoreClient, issuerId: string) {
  const base = await client.accountPath(`/issuers/${issuerId}`);
  const [authMethods, clientItems, organizations] = await Promise.all([
    client.listAll<Wire>(`${base}/auth-methods`),
    client.listAll<Wire>(`${base}/clients`),
    client.listAll<Wire>(`${base}/organizations`),
  ]);
  const clients = await Promise.all(
    clientItems.map(async (item) => {
      const full = await client.request<Wire>("GET", `${base}/clients/${item.id as string}`);
      return fromWire(full.data, full.etag);
    }),
  );
  return {
    authMethods: authMethods.map((w) => fromWire(w)),
    clients,
    organizations: organizations.map((w) => fromWire(w)),
  };
}

/** The account's issuers and webhooks; children for the issuers `withChildren` picks. */
export async function readLiveState(
  client: CoreClient,
  withChildren: (issuer: Wire) => boolean,
): Promise<LiveState> {
  const [issuers, webhooks] = await Promise.all([
    client.listAll<Wire>(await client.accountPath("/issuers")),
    client.listAll<Wire>(await client.accountPath("/webhooks")),
  ]);
  const live: LiveIssuer[] = [];
  for (const wire of issuers) {
    const issuer: LiveIssuer = fromWire(wire);
    if (withChildren(wire)) issuer.children = await readChildren(client, issuer.id);
    live.push(issuer);
  }
  return { issuers: live, webhooks: webhooks.map((w) => fromWire(w)) };
}
