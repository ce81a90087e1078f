import { type AuthMethodConfig, MANAGED_KEY } from "../config/schema.ts";
import { deepMerge, type FieldDiff, fieldDiffs, isPlainObject } from "./compare.ts";
import { AUTH_METHOD_LABELS, KINDS } from "./kinds.ts";
import { keyOf, type LiveResource, type ResourceKind, type Wire } from "./live-state.ts";
import type { Change } from "./plan.ts";

/** The steps a plan is made of: what the file wants of one resource, and the change to get there. */
const CHILD_FIELDS = new Set(["auth_methods", "clients", "organizations"]);

/** The fields of a resource the file manages, with its key in the metadata. */
export function wantedFields(
  kind: ResourceKind,
  key: string,
  config: Record<string, unknown>,
): Wire {
  const fields = Object.fromEntries(
    Object.entries(config).filter(
      ([name, value]) => !CHILD_FIELDS.has(name) && value !== undefined,
    ),
  );
  if (!KINDS[kind].keyed) return fields;
  return { ...fields, metadata: { ...(config.metadata as Wire | undefined), [MANAGED_KEY]: key } };
}

/** Settings the Core API takes but never shows back: sent as written, never compared. */
const WRITE_ONLY_SETTINGS = ["client_secret", "apple_private_key"];

/** Auth methods: a name and `enabled` are required to create; secrets and keys are write-only. */
export function authMethodFields(key: string, config: AuthMethodConfig) {
  const settings = { ...config.settings };
  const secrets: Wire = {};
  for (const name of WRITE_ONLY_SETTINGS) {
    if (settings[name] !== undefined) secrets[name] = settings[name];
    delete settings[name];
  }
  const compared: Wire = { ...config, ...(config.settings ? { settings } : {}) };
  const create: Wire = {
    name: config.name ?? AUTH_METHOD_LABELS[config.method] ?? key,
    enabled: config.enabled ?? true,
    ...config,
  };
  const writeOnly: Wire = Object.keys(secrets).length === 0 ? {} : { settings: secrets };
  return { compared, create: deepMerge(create, writeOnly) as Wire, writeOnly };
}

/** The PATCH body for the differing top-level fields: merge-patched ones as wanted, others laid over live. */
export function patchBody(kind: ResourceKind, wanted: Wire, live: Wire, diffs: FieldDiff[]): Wire {
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

export interface Planner {
  changes: Change[];
  errors: string[];
}

/**
 * Finds the live resource for a key: by `metadata.authpi_key`, else an unmanaged one of the
 * same name; several of one name go, oldest first, to the keys in the order the file lists them.
 */
export function findLive(
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

export function converge(
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

export function prune(
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
