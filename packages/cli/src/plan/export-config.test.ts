import { describe, expect, it } from "vitest";
import { ISSUER_SETTINGS, live, liveIssuer } from "../../test/plan-fixtures.ts";
import { parseConfig } from "../config/load-config.ts";
import { exportConfig, slugKey } from "./export-config.ts";
import { planChanges } from "./plan.ts";

const account = () => ({
  issuers: [
    liveIssuer(
      {
        id: "i_1",
        name: "Main",
        description: null,
        status: "active",
        settings: ISSUER_SETTINGS,
        metadata: { authpi_key: "main", team: "id" },
        readiness: "ready",
      },
      {
        authMethods: [
          live({
            id: "am_1",
            method: "password",
            name: "Password",
            enabled: true,
            first_factor_only: true,
            settings: { min_length: 8 },
            client_secret_set: false,
          }),
        ],
        clients: [
          live({
            id: "c_1",
            name: "Web App",
            type: "web",
            status: "active",
            secret_rotated_at: null,
            settings: { redirect_uris: ["https://a/cb"] },
            metadata: {},
          }),
          live({
            id: "c_2",
            name: "Web App",
            type: "spa",
            status: "active",
            settings: {},
            metadata: {},
          }),
        ],
        organizations: [live({ id: "org_1", name: null, metadata: {} })],
      },
    ),
  ],
  webhooks: [
    live({
      id: "wh_1",
      name: "Audit",
      url: "https://hooks.example/a",
      status: "failing",
      events: ["user.*"],
      auth: {
        type: "signature",
        signature_algorithm: "hmac-sha256",
        signature_secret_hint: "whsec_ab",
      },
      metadata: { authpi_key: "audit" },
    }),
  ],
});

describe("exportConfig", () => {
  it("writes a valid authpi.yaml with no ids, times, hints or secrets", () => {
    const { document, warnings } = exportConfig(account());
    const text = JSON.stringify(document);
    for (const leaked of [
      "i_1",
      "c_1",
      "created_at",
      "whsec_ab",
      "secret_hint",
      "readiness",
      "client_secret_set",
    ]) {
      expect(text).not.toContain(leaked);
    }
    expect(warnings).toEqual([expect.stringContaining("org_1 has no name")]);
    const config = parseConfig(document);
    expect(Object.keys(config.issuers.main?.clients ?? {})).toEqual(["web-app", "web-app-2"]);
    expect(config.issuers.main?.metadata).toEqual({ team: "id" });
    expect(config.webhooks.audit?.status).toBeUndefined();
  });

  it("plans no change against the account it came from, apart from adopting unmanaged resources", () => {
    const state = account();
    const plan = planChanges(parseConfig(exportConfig(state).document), state);
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map((c) => [c.address, c.adopt, c.diffs.map((d) => d.path)])).toEqual([
      ["issuers.main.clients.web-app", true, ["metadata.authpi_key"]],
      ["issuers.main.clients.web-app-2", true, ["metadata.authpi_key"]],
    ]);
  });

  it("makes keys from names", () => {
    expect(slugKey("Acme Corp, Inc.")).toBe("acme-corp-inc");
    expect(slugKey("Ünïcode")).toBe("unicode");
    expect(slugKey("!!!")).toBe("item");
  });
});
