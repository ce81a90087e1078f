import {
  type AuthMethodConfig,
  type AuthpiConfig,
  type IssuerConfig,
  MANAGED_KEY,
} from "../config/schema.ts";
import { deepMerge, type FieldDiff, fieldDiffs, isPlainObject } from "./compare.ts";
import { AUTH_METHOD_LABELS, KINDS } from "./kinds.ts";
import {
  keyOf,
  type LiveResource,
  type LiveState,
  type ResourceKind,
  type Wire,
} from "./live-state.ts";

export interface Change {
  action: "create" | "update" | "delete";
  kind: ResourceKind;
  /** Where it is in the file: `issuers.main.clients.web`. */
  address: string;
  id?: string;
  etag?: string;
  /** For an issuer's children: the issuer's address, and its id once it exists. */
  issuerAddress?: string;
  issuerId?: string;
  diffs: FieldDiff[];
  /** An unmanaged resource matched by name, which this change marks with its key. */
  adopt?: boolean;
  /** The create body or the PATCH body. */
  body?: Wire;
}

export interface Plan {
  changes: Change[];
  /** Changes the Core API cannot make in place. */
  errors: string[];
}

export interface PlanOptions {
  /** Delete managed resources the file no longer lists. */
  prune?: boolean;
}

const CHILD_FIELDS = new Set(["auth_methods", "clients", "organizations"]);

/** The fields of a resource the file manages, with its key in the metadata. */
function wantedFields(kind: ResourceKind, key: string, config: Record<string, unknown>): Wire {
  const fields = Object.fromEntries(
    Object.entries(config).filter(
      ([name, value]) => !CHILD_FIELDS.has(name) && value !== undefined,
    ),
  );
  if (!KINDS[kind].keyed) return fields;
  return { ...fields, metadata: { ...(config.metadata as Wire | undefined), [MANAGED_KEY]: key } };
}

/** Auth methods: a name and `enabled` are required to create; the client secret is write-only. */
function authMethodFields(key: string, config: AuthMethodConfig) {
  const { client_secret: secret, ...settings } = config.settings ?? {};
  const compared: Wire = { ...config, ...(config.settings ? { settings } : {}) };
  const create: Wire = {
    name: config.name ?? AUTH_METHOD_LABELS[config.method] ?? key,
    enabled: config.enabled ?? true,
    ...config,
  };
  const writeOnly: Wire = secret === undefined ? {} : { settings: { client_secret: secret } };
  return { compared, create: deepMerge(create, writeOnly) as Wire, writeOnly };
}

/** The PATCH body for the differing top-level fields: merge-patched ones as wanted, others laid over live. */
function patchBody(kind: ResourceKind, wanted: Wire, live: Wire, diffs: FieldDiff[]): Wire {
  const fields = new Set(diffs.map((d) => d.path.split(".")[0] as string));
  const body: Wire = {};
  for (const field of fields) {
    const value = wanted[field];
    body[field] =
      isPlainObject(value) && !KINDS[kind].mergePatch.has(field)
        ? deepMerge(live[field], value)
        : value;
  }
  return body;
}

interface Planner {
  changes: Change[];
  errors: string[];
}

/**
 * Finds the live resource for a key: by `metadata.authpi_key`, else an unmanaged one of the
 * same name; several of one name go, oldest first, to the keys in the order the file lists them.
 */
function findLive(
  key: string,
  name: unknown,
  candidates: LiveResource[],
  claimed: Set<string>,
): LiveResource | undefined {
  const keyed = candidates.find((c) => keyOf(c.wire) === key);
  if (keyed) return keyed;
  return candidates
    .filter((c) => keyOf(c.wire) === null && c.wire.name === name && !claimed.has(c.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
}

function converge(
  planner: Planner,
  kind: ResourceKind,
  address: string,
  wanted: Wire,
  live: LiveResource | undefined,
  create: Wire,
  parent: { issuerAddress?: string; issuerId?: string | undefined } = {},
  writeOnly: Wire = {},
): void {
  const where = parent.issuerAddress
    ? {
        issuerAddress: parent.issuerAddress,
        ...(parent.issuerId ? { issuerId: parent.issuerId } : {}),
      }
    : {};
  if (!live) {
    const diffs = fieldDiffs(wanted, undefined, "");
    planner.changes.push({ action: "create", kind, address, ...where, diffs, body: create });
    return;
  }
  const diffs = fieldDiffs(wanted, live.wire, "");
  for (const field of KINDS[kind].immutable) {
    if (diffs.some((d) => d.path === field || d.path.startsWith(`${field}.`))) {
      planner.errors.push(
        `${address}: ${field} cannot change once created (delete the resource, or give it a new key)`,
      );
    }
  }
  if (diffs.length === 0) return;
  const body = deepMerge(patchBody(kind, wanted, live.wire, diffs), writeOnly) as Wire;
  planner.changes.push({
    action: "update",
    kind,
    address,
    id: live.id,
    etag: live.etag,
    ...where,
    diffs,
    ...(KINDS[kind].keyed && keyOf(live.wire) === null ? { adopt: true } : {}),
    body,
  });
}

function prune(
  planner: Planner,
  kind: ResourceKind,
  prefix: string,
  listed: Set<string>,
  live: LiveResource[],
  claimed: Set<string>,
  parent: { issuerAddress?: string; issuerId?: string } = {},
): void {
  for (const resource of live) {
    const key = keyOf(resource.wire);
    if (key === null || listed.has(key) || claimed.has(resource.id)) continue;
    planner.changes.push({
      action: "delete",
      kind,
      address: `${prefix}.${key}`,
      id: resource.id,
      etag: resource.etag,
      ...parent,
      diffs: [],
    });
  }
}

function planIssuerChildren(
  planner: Planner,
  address: string,
  config: IssuerConfig,
  live: LiveResource | undefined,
  children: NonNullable<LiveState["issuers"][number]["children"]> | undefined,
  options: PlanOptions,
): void {
  const parent = { issuerAddress: address, issuerId: live?.id };
  const methodsClaimed = new Set<string>();
  for (const [key, method] of Object.entries(config.auth_methods ?? {})) {
    const candidates = children?.authMethods ?? [];
    const found =
      method.method === "oauth2"
        ? candidates.find((c) => c.wire.method === "oauth2" && c.wire.name === (method.name ?? key))
        : candidates.find((c) => c.wire.method === method.method);
    if (found) methodsClaimed.add(found.id);
    const fields = authMethodFields(key, method);
    const at = `${address}.auth_methods.${key}`;
    converge(
      planner,
      "auth_method",
      at,
      fields.compared,
      found,
      fields.create,
      parent,
      fields.writeOnly,
    );
  }
  const sections = [
    ["client", "clients", config.clients ?? {}, children?.clients ?? []],
    ["organization", "organizations", config.organizations ?? {}, children?.organizations ?? []],
  ] as const;
  for (const [kind, section, wantedMap, candidates] of sections) {
    const claimed = new Set<string>();
    for (const [key, item] of Object.entries(wantedMap)) {
      const at = `${address}.${section}.${key}`;
      const found = findLive(key, item.name, candidates, claimed);
      if (found) claimed.add(found.id);
      const wanted = wantedFields(kind, key, item);
      converge(planner, kind, at, wanted, found, wanted, parent);
    }
    if (options.prune && live) {
      const p = { issuerAddress: address, issuerId: live.id };
      prune(
        planner,
        kind,
        `${address}.${section}`,
        new Set(Object.keys(wantedMap)),
        candidates,
        claimed,
        p,
      );
    }
  }
}

/**
 * The changes that make the live account look like the file: creates and updates in
 * dependency order (issuers before their children), then deletes (`prune`) children first.
 */
export function planChanges(
  config: AuthpiConfig,
  live: LiveState,
  options: PlanOptions = {},
): Plan {
  const planner: Planner = { changes: [], errors: [] };
  const deletes: Planner = { changes: [], errors: [] };
  const issuersClaimed = new Set<string>();
  for (const [key, issuer] of Object.entries(config.issuers)) {
    const address = `issuers.${key}`;
    const found = findLive(key, issuer.name, live.issuers, issuersClaimed);
    if (found) issuersClaimed.add(found.id);
    const wanted = wantedFields("issuer", key, issuer);
    converge(planner, "issuer", address, wanted, found, wanted);
    const children = found ? live.issuers.find((i) => i.id === found.id)?.children : undefined;
    planIssuerChildren(planner, address, issuer, found, children, options);
  }
  const webhooksClaimed = new Set<string>();
  for (const [key, webhook] of Object.entries(config.webhooks)) {
    const address = `webhooks.${key}`;
    const found = findLive(key, webhook.name, live.webhooks, webhooksClaimed);
    if (found) webhooksClaimed.add(found.id);
    const wanted = wantedFields("webhook", key, webhook);
    converge(planner, "webhook", address, wanted, found, wanted);
  }
  if (options.prune) {
    const listed = (section: Record<string, unknown>) => new Set(Object.keys(section));
    prune(deletes, "issuer", "issuers", listed(config.issuers), live.issuers, issuersClaimed);
    prune(deletes, "webhook", "webhooks", listed(config.webhooks), live.webhooks, webhooksClaimed);
  }
  // Children's deletes were planned with their issuer; they run before any issuer delete.
  const childDeletes = planner.changes.filter((c) => c.action === "delete");
  const rest = planner.changes.filter((c) => c.action !== "delete");
  return {
    changes: [...rest, ...childDeletes, ...deletes.changes],
    errors: planner.errors,
  };
}
