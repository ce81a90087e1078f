import { describe, expect, it } from "vitest";
import { emptyLive, ISSUER_SETTINGS, live, liveIssuer } from "../../test/plan-fixtures.ts";
import { parseConfig } from "../config/load-config.ts";
import { idempotencyKeyFor } from "./apply-plan.ts";
import { planChanges } from "./plan.ts";
import { renderPlan } from "./render-plan.ts";

const config = (doc: Record<string, unknown>) => parseConfig({ version: 1, ...doc });

const mainIssuer = {
  name: "Main",
  settings: { access: { mode: "open" } },
  clients: { web: { name: "Web", type: "web", settings: { redirect_uris: ["https://a/cb"] } } },
};

const managedWeb = (extra: Record<string, unknown> = {}) =>
  live({
    id: "c_web",
    name: "Web",
    type: "web",
    settings: { redirect_uris: ["https://a/cb"], scopes: [], grant_types: ["authorization_code"] },
    metadata: { authpi_key: "web" },
    ...extra,
  });

const managedMain = (clients = [managedWeb()]) =>
  liveIssuer(
    {
      id: "i_main",
      name: "Main",
      settings: { ...ISSUER_SETTINGS, access: { ...ISSUER_SETTINGS.access, mode: "open" } },
      metadata: { authpi_key: "main" },
    },
    { clients },
  );

describe("planChanges", () => {
  it("creates everything on an empty account, issuers before their children", () => {
    const plan = planChanges(config({ issuers: { main: mainIssuer } }), emptyLive());
    expect(plan.changes.map((c) => [c.action, c.address])).toEqual([
      ["create", "issuers.main"],
      ["create", "issuers.main.clients.web"],
    ]);
    expect(plan.changes[1]?.issuerAddress).toBe("issuers.main");
    expect(plan.changes[0]?.body?.metadata).toEqual({ authpi_key: "main" });
  });

  it("plans nothing when the live account matches, whatever it has beyond the file", () => {
    const plan = planChanges(config({ issuers: { main: mainIssuer } }), {
      issuers: [managedMain()],
      webhooks: [],
    });
    expect(plan).toEqual({ changes: [], errors: [] });
    expect(renderPlan(plan)).toContain("No changes");
  });

  it("shows the exact field that drifted and patches with If-Match", () => {
    const drifted = managedMain([managedWeb({ name: "Renamed", settings: { redirect_uris: [] } })]);
    const plan = planChanges(config({ issuers: { main: mainIssuer } }), {
      issuers: [drifted],
      webhooks: [],
    });
    expect(plan.changes).toHaveLength(1);
    const [change] = plan.changes;
    expect(change?.diffs).toEqual([
      { path: "name", before: "Renamed", after: "Web" },
      { path: "settings.redirect_uris", before: [], after: ["https://a/cb"] },
    ]);
    expect(change).toMatchObject({ action: "update", id: "c_web", etag: '"1700000000000"' });
    expect(renderPlan(plan)).toContain('settings.redirect_uris: [] -> ["https://a/cb"]');
  });

  it("lays client settings over the live ones (a PATCH replaces them), issuer settings as a merge patch", () => {
    const doc = config({
      issuers: {
        main: {
          ...mainIssuer,
          settings: { access: { mode: "closed" } },
          clients: { web: { name: "Web", type: "web", settings: { scopes: ["api"] } } },
        },
      },
    });
    const plan = planChanges(doc, { issuers: [managedMain()], webhooks: [] });
    const [issuer, client] = plan.changes;
    expect(issuer?.body).toEqual({ settings: { access: { mode: "closed" } } });
    expect(client?.body).toEqual({
      settings: {
        redirect_uris: ["https://a/cb"],
        scopes: ["api"],
        grant_types: ["authorization_code"],
      },
    });
  });

  it("adopts an unmanaged resource of the same name by writing its key", () => {
    const unmanaged = liveIssuer({
      id: "i_old",
      name: "Main",
      settings: ISSUER_SETTINGS,
      metadata: {},
    });
    const doc = config({ issuers: { main: { name: "Main" } } });
    const plan = planChanges(doc, { issuers: [unmanaged], webhooks: [] });
    expect(plan.changes).toMatchObject([
      { action: "update", id: "i_old", adopt: true, body: { metadata: { authpi_key: "main" } } },
    ]);
  });

  it("matches unmanaged resources of one name oldest first, in the file's order", () => {
    const twins = [2, 1].map((n) => liveIssuer({ id: `i_${n}`, name: "Main", metadata: {} }));
    const doc = config({ issuers: { first: { name: "Main" }, second: { name: "Main" } } });
    const plan = planChanges(doc, { issuers: twins, webhooks: [] });
    expect(plan.changes.map((c) => [c.address, c.id])).toEqual([
      ["issuers.first", "i_1"],
      ["issuers.second", "i_2"],
    ]);
  });

  it("refuses to change what the Core API cannot change in place", () => {
    const doc = config({
      issuers: { main: { ...mainIssuer, clients: { web: { name: "Web", type: "spa" } } } },
    });
    const plan = planChanges(doc, { issuers: [managedMain()], webhooks: [] });
    expect(plan.errors).toEqual([
      expect.stringContaining("issuers.main.clients.web: type cannot change"),
    ]);
  });

  it("prunes only with --prune, only managed resources, children before issuers", () => {
    const stray = live({ id: "c_old", name: "Old", type: "spa", metadata: { authpi_key: "old" } });
    const unmanaged = live({ id: "c_hand", name: "By hand", type: "spa", metadata: {} });
    const otherIssuer = liveIssuer({
      id: "i_gone",
      name: "Gone",
      metadata: { authpi_key: "gone" },
    });
    const state = {
      issuers: [managedMain([managedWeb(), stray, unmanaged]), otherIssuer],
      webhooks: [live({ id: "wh_1", name: "Hook", metadata: {} })],
    };
    const doc = config({ issuers: { main: mainIssuer } });
    expect(planChanges(doc, state).changes).toEqual([]);
    const plan = planChanges(doc, state, { prune: true });
    expect(plan.changes.map((c) => [c.action, c.address, c.id])).toEqual([
      ["delete", "issuers.main.clients.old", "c_old"],
      ["delete", "issuers.gone", "i_gone"],
    ]);
  });

  it("matches auth methods by kind (oauth2 by name) and never compares a client secret", () => {
    const password = live({
      id: "am_pw",
      method: "password",
      name: "Password",
      enabled: true,
      settings: { min_length: 8 },
    });
    const google = live({
      id: "am_g",
      method: "oauth2",
      name: "Google",
      enabled: true,
      settings: { client_id: "g-id" },
    });
    const issuer = managedMain();
    issuer.children = {
      authMethods: [password, google],
      clients: [managedWeb()],
      organizations: [],
    };
    const doc = config({
      issuers: {
        main: {
          ...mainIssuer,
          auth_methods: {
            password: { method: "password", settings: { min_length: 12 } },
            google: {
              method: "oauth2",
              name: "Google",
              settings: { client_id: "g-id", client_secret: "s3cret", apple_private_key: "pem" },
            },
          },
        },
      },
    });
    const plan = planChanges(doc, { issuers: [issuer], webhooks: [] });
    expect(plan.changes.map((c) => [c.address, c.body])).toEqual([
      ["issuers.main.auth_methods.password", { settings: { min_length: 12 } }],
    ]);
  });

  it("derives one Idempotency-Key per create from the account, path and body", () => {
    const a = idempotencyKeyFor("acc_1", "/v1/accounts/acc_1/issuers", { name: "Main" });
    expect(idempotencyKeyFor("acc_1", "/v1/accounts/acc_1/issuers", { name: "Main" })).toBe(a);
    expect(idempotencyKeyFor("acc_1", "/v1/accounts/acc_1/issuers", { name: "Other" })).not.toBe(a);
    expect(a.length).toBeLessThanOrEqual(256);
  });
});
