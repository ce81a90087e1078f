import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractClient } from "./support/contract.ts";
import { DohServer } from "./support/doh-server.ts";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

let system: SeededSystem;
let api: ContractClient;
const doh = new DohServer();

beforeAll(async () => {
  await doh.start();
  system = await startSeededSystem({ DOH_RESOLVER_URL: doh.url });
  api = await ContractClient.open(system);
});
afterAll(async () => {
  await system?.stop();
  await doh.stop();
});

type Id = { id: string };
const data = <T>(r: { body: unknown }) => (r.body as { data: T }).data;

describe("this round's resources on the running system, against /openapi.json", () => {
  it("verifies a domain through a real local DoH resolver and tours every new route", async () => {
    const issuer = `/issuers/${system.seed.issuer_id}`;
    const userId = system.seed.user.id;

    const host = "login.contract.example";
    const added = await api.call<{
      data: { domains: { verification: { txt_record_value: string } }[] };
    }>("POST", "/domains", { host });
    expect(added.status).toBe(201);
    expect((await api.call("POST", `/domains/${host}/verify`)).status).toBe(422);
    doh.records.set(`_authpi-challenge.${host}`, [
      added.body.data.domains[0]?.verification.txt_record_value as string,
    ]);
    expect((await api.call("POST", `/domains/${host}/verify`)).status).toBe(200);
    await api.call("GET", "/domains");
    await api.call("POST", `/domains/${host}/assign`, { issuer_id: system.seed.issuer_id });
    await api.call("POST", `/domains/${host}/unassign`);

    const methods = data<Id[]>(await api.call("GET", `${issuer}/auth-methods`));
    // A new issuer's four (password, webauthn, totp_app, backup_codes) and the demo's email-link.
    expect(methods).toHaveLength(5);
    const google = data<Id>(
      await api.call("POST", `${issuer}/auth-methods`, {
        name: "Google",
        method: "oauth2",
        enabled: false,
        settings: { provider: "google", client_id: "x", client_secret: "y" },
      }),
    );
    await api.call("GET", `${issuer}/auth-methods/${google.id}`);
    expect(
      (await api.call("PATCH", `${issuer}/auth-methods/${google.id}`, { enabled: true })).status,
    ).toBe(200);
    await api.call("DELETE", `${issuer}/auth-methods/${google.id}`);

    const org = data<Id>(
      await api.call("POST", `${issuer}/organizations`, {
        name: "SSO Org",
        sso: {
          enabled: true,
          protocol: "oidc",
          oidc: { issuer: "https://idp.contract.example", client_id: "c", client_secret: "s" },
        },
      }),
    );
    await api.call("GET", `${issuer}/organizations?sso_enabled=true`);
    await api.call("POST", `${issuer}/organizations/${org.id}/sso/domains`, { domain: host });
    await api.call("POST", `${issuer}/organizations/${org.id}/sso/domains/${host}/verify`);
    await api.call("POST", `${issuer}/organizations/${org.id}/sso/rotate-secret`);
    await api.call("GET", `${issuer}/organizations/${org.id}`);
    await api.call("DELETE", `${issuer}/organizations/${org.id}/sso/domains/${host}`);

    const group = data<Id>(
      await api.call("POST", `${issuer}/organizations/${org.id}/groups`, {
        name: "g",
        scopes: ["a:b"],
      }),
    );
    await api.call("GET", `${issuer}/organizations/${org.id}/groups`);
    await api.call("PATCH", `${issuer}/organizations/${org.id}/groups/${group.id}`, { name: "g2" });
    expect(
      (await api.call("POST", `${issuer}/organizations/${org.id}/groups`, { name: "g2" })).status,
    ).toBe(409);
    await api.call("DELETE", `${issuer}/organizations/${org.id}/groups/${group.id}`);

    const waiting = data<Id>(
      await api.call("POST", `${issuer}/users`, {
        username_type: "email",
        username: "waiting@contract.example",
        status: "pending_approval",
      }),
    );
    await api.call("GET", `${issuer}/approvals`);
    await api.call("GET", `${issuer}/approvals/${waiting.id}`);
    await api.call("PATCH", `${issuer}/approvals/${waiting.id}`, { status: "approved" });
    expect(
      (await api.call("PATCH", `${issuer}/approvals/${waiting.id}`, { status: "rejected" })).status,
    ).toBe(409);

    const note = data<Id>(
      await api.call("POST", "/notes", {
        subject_type: "user",
        subject_id: userId,
        issuer_id: system.seed.issuer_id,
        content: `@[Ops](usr_ops) [[org:${org.id}]]`,
      }),
    );
    await api.call("GET", "/notes?pinned=false");
    await api.call("GET", `/notes/backlinks?ref_type=org&ref_id=${org.id}`);
    await api.call("GET", `/notes/count?subject_type=user&subject_id=${userId}`);
    await api.call("PATCH", `/notes/${note.id}`, { pinned: true });
    await api.call("GET", `/notes/${note.id}`);
    await api.call("DELETE", `/notes/${note.id}`);

    await api.call("POST", "/credits/topups", { amount_μusd: 1000, payment_reference: "R1" });
    await api.call("POST", "/credits/topups", { amount_μusd: 1000, payment_reference: "R1" });
    await api.call("GET", "/credits/ledger");

    const devices = `${issuer}/users/${userId}/trusted-devices`;
    const device = data<{ device_id: string }>(
      await api.call("POST", devices, { fingerprint: "contract-device-token-0123456789" }),
    );
    await api.call("GET", devices);
    await api.call("DELETE", `${devices}/${device.device_id}`);
    await api.call("POST", `${devices}/revoke-all`);

    await api.call("DELETE", `/domains/${host}`);
    const operations = new Set(api.checked.map((c) => `${c.method} ${c.template}`));
    expect(operations.size).toBeGreaterThan(35);
  });
});
