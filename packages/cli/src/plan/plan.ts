import type { AuthpiConfig, IssuerConfig } from "../config/schema.ts";
import type { FieldDiff } from "./compare.ts";
import type { LiveResource, LiveState, ResourceKind, Wire } from "./live-state.ts";
import {
  authMethodFields,
  converge,
  findLive,
  type Planner,
  prune,
  wantedFields,
} from "./plan-steps.ts";

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
