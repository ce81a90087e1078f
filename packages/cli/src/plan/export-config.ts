import { MANAGED_KEY } from "../config/schema.ts";
import { isPlainObject } from "./compare.ts";
import { keyOf, type LiveResource, type LiveState, type Wire } from "./live-state.ts";

const FIELDS = {
  issuer: ["name", "description", "links", "available_scopes", "status", "settings", "metadata"],
  auth_method: ["method", "name", "enabled", "first_factor_only", "settings"],
  client: ["name", "type", "description", "logo_url", "status", "settings", "metadata"],
  organization: [
    "name",
    "description",
    "logo_url",
    "org_type",
    "status",
    "max_members",
    "default_member_scopes",
    "invitation_enabled",
    "security",
    "custom_fields",
    "metadata",
  ],
  webhook: ["name", "description", "url", "events", "auth", "status", "metadata"],
} as const;

/** A file-friendly key from a name: `Acme Corp` → `acme-corp`. */
export function slugKey(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50);
  return slug || "item";
}

/** The fields the file keeps: no ids, times, secrets, hints, nulls or empty metadata. */
function pick(wire: Wire, fields: readonly string[]): Wire {
  const out: Wire = {};
  for (const field of fields) {
    let value = wire[field];
    if (field === "metadata" && isPlainObject(value)) {
      const { [MANAGED_KEY]: _key, ...rest } = value;
      value = Object.keys(rest).length > 0 ? rest : undefined;
    }
    if (value !== null && value !== undefined) out[field] = value;
  }
  return out;
}

/** Gives each resource its key: its `authpi_key`, else one made from its name, never twice. */
function keyed<T extends LiveResource>(
  items: T[],
  toEntry: (r: T) => Wire | null,
  derive: (r: T) => string,
) {
  const taken = new Set(items.map((r) => keyOf(r.wire)).filter((k): k is string => k !== null));
  const out: Record<string, Wire> = {};
  // Oldest first, the order plan matches unmanaged resources of one name in.
  for (const item of [...items].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const entry = toEntry(item);
    if (!entry) continue;
    let key = keyOf(item.wire);
    if (key === null) {
      const base = derive(item);
      key = base;
      for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
      taken.add(key);
    }
    out[key] = entry;
  }
  return out;
}

const byName = (r: LiveResource) => slugKey(String(r.wire.name ?? r.id));

function webhookEntry(r: LiveResource): Wire {
  const entry = pick(r.wire, FIELDS.webhook);
  const auth = r.wire.auth as Wire;
  entry.auth = pick(auth, ["type", "signature_algorithm"]);
  if (entry.status !== "disabled") delete entry.status;
  return entry;
}

/** The live account as an `authpi.yaml` document (skipped items are listed in `warnings`). */
export function exportConfig(live: LiveState): { document: Wire; warnings: string[] } {
  const warnings: string[] = [];
  const issuers = keyed(
    live.issuers,
    (issuer) => {
      const entry = pick(issuer.wire, FIELDS.issuer);
      const children = issuer.children;
      if (!children) return entry;
      const methods = keyed(
        children.authMethods,
        (m) => pick(m.wire, FIELDS.auth_method),
        (m) =>
          m.wire.method === "oauth2"
            ? `oauth2-${slugKey(String(m.wire.name))}`
            : String(m.wire.method),
      );
      const clients = keyed(children.clients, (c) => pick(c.wire, FIELDS.client), byName);
      const organizations = keyed(
        children.organizations,
        (o) => {
          if (typeof o.wire.name === "string") return pick(o.wire, FIELDS.organization);
          warnings.push(`organization ${o.id} has no name: left out (name it to manage it)`);
          return null;
        },
        byName,
      );
      if (Object.keys(methods).length) entry.auth_methods = methods;
      if (Object.keys(clients).length) entry.clients = clients;
      if (Object.keys(organizations).length) entry.organizations = organizations;
      return entry;
    },
    byName,
  );
  const webhooks = keyed(live.webhooks, webhookEntry, byName);
  return { document: { version: 1, issuers, webhooks }, warnings };
}
