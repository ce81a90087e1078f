import { beforeAll, describe, expect, it } from "vitest";
import { ContractClient, RawBody } from "./support/contract.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

let system: SystemEndpoints;
let api: ContractClient;

beforeAll(async () => {
  system = sharedSystem();
  api = await ContractClient.open(system);
});

type Id = { id: string };
const data = <T>(r: { body: unknown }) => (r.body as { data: T }).data;

describe("live Core API responses match /openapi.json", () => {
  it("validates a tour of every resource, errors included", async () => {
    const issuer = `/issuers/${system.seed.issuer_id}`;
    const userId = system.seed.user.id;

    await api.call("GET", "/v1/me");
    await api.call("GET", "/v1/accounts");
    const account = await api.call("GET", "");
    await api.call(
      "PATCH",
      "",
      { name: "Contract" },
      { "if-match": account.headers.get("etag") as string },
    );
    await api.call("GET", "/scopes");

    const createdIssuer = data<Id>(await api.call("POST", "/issuers", { name: "contract" }));
    await api.call("GET", "/issuers?limit=2");
    await api.call("GET", `/issuers/${createdIssuer.id}`);
    await api.call("PATCH", `/issuers/${createdIssuer.id}`, { settings: { branding: { c: 1 } } });
    expect((await api.call("PATCH", `/issuers/${createdIssuer.id}`, { name: "" })).status).toBe(
      422,
    );

    const client = data<Id>(
      await api.call("POST", `${issuer}/clients`, { name: "c", type: "m2m" }),
    );
    await api.call("GET", `${issuer}/clients?name=c`);
    await api.call("GET", `${issuer}/clients/${client.id}`);
    await api.call("PATCH", `${issuer}/clients/${client.id}`, { name: "c2" });
    await api.call("POST", `${issuer}/clients/${client.id}/rotate-secret`);
    const stale = await api.call(
      "PATCH",
      `${issuer}/clients/${client.id}`,
      { name: "x" },
      { "if-match": '"1"' },
    );
    expect(stale.status).toBe(412);

    const user = data<Id>(
      await api.call("POST", `${issuer}/users`, {
        username_type: "email",
        username: "c@example.com",
      }),
    );
    await api.call("GET", `${issuer}/users?limit=5`);
    await api.call("GET", `${issuer}/users/${user.id}`);
    await api.call("PATCH", `${issuer}/users/${user.id}`, { profile: { first_name: "C" } });
    await api.call("POST", `${issuer}/users/${user.id}/verifiers`, {
      type: "password",
      password: "long enough pass",
    });
    const enrollment = await api.call("POST", `${issuer}/users/${user.id}/verifiers`, {
      type: "totp_app",
    });
    await api.call("POST", `${issuer}/users/${user.id}/verifiers/complete-enrollment`, {
      enrollment_id: data<{ enrollment_id: string }>(enrollment).enrollment_id,
      code: "000000",
    });
    const verifiers = data<Id[]>(await api.call("GET", `${issuer}/users/${user.id}/verifiers`));
    await api.call("GET", `${issuer}/users/${user.id}/verifiers/${verifiers[0]?.id}`);
    await api.call("GET", `${issuer}/users/${userId}/sessions`);
    expect((await api.call("GET", `${issuer}/sessions/s_unknown`)).status).toBe(404);

    const org = data<Id>(await api.call("POST", `${issuer}/organizations`, { name: "Org" }));
    await api.call("GET", `${issuer}/organizations`);
    await api.call("PATCH", `${issuer}/organizations/${org.id}`, { max_members: 5 });
    await api.call("POST", `${issuer}/organizations/${org.id}/members`, { member_id: user.id });
    await api.call("GET", `${issuer}/organizations/${org.id}/members`);
    const invitation = data<Id>(
      await api.call("POST", `${issuer}/organizations/${org.id}/invitations`, {
        email_invited: "i@example.com",
        scopes: ["member"],
      }),
    );
    await api.call("GET", `${issuer}/organizations/${org.id}/invitations?status=pending`);
    await api.call("POST", `${issuer}/organizations/${org.id}/invitations/${invitation.id}/resend`);
    await api.call("POST", `${issuer}/organizations/${org.id}/invitations/${invitation.id}/revoke`);
    expect(
      (
        await api.call(
          "POST",
          `${issuer}/organizations/${org.id}/invitations/${invitation.id}/revoke`,
        )
      ).status,
    ).toBe(409);

    const agent = data<Id>(
      await api.call("POST", `${issuer}/agents`, { name: "a", scopes: ["x:read"] }),
    );
    await api.call("POST", `${issuer}/agents/${agent.id}/verifiers`, { type: "secret" });
    await api.call("GET", `${issuer}/agents?has_verifiers=true`);
    await api.call("GET", `${issuer}/agents/${agent.id}/verifiers`);
    await api.call("PATCH", `${issuer}/agents/${agent.id}`, { status: "suspended" });

    const key = data<Id>(
      await api.call("POST", "/api-keys", { name: "k", restrictions: { scopes: ["events:read"] } }),
    );
    await api.call("GET", "/api-keys");
    await api.call("POST", `/api-keys/${key.id}/rotate`);
    await api.call("POST", `/api-keys/${key.id}/block`);

    const webhook = data<Id>(
      await api.call("POST", "/webhooks", {
        name: "w",
        url: "https://hooks.example.com/in",
        auth: { type: "signature" },
      }),
    );
    await api.call("GET", "/webhooks");
    await api.call("GET", `/webhooks/${webhook.id}/deliveries`);
    await api.call("GET", "/events?limit=5");

    // The errors of malformed input are documented too: 400, 409, 413, 415 and 422.
    expect((await api.call("POST", "/issuers", new RawBody('{"name":'))).status).toBe(400);
    expect((await api.call("POST", "/issuers")).status).toBe(400);
    const big = new RawBody(JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }));
    expect((await api.call("POST", "/issuers", big)).status).toBe(413);
    const text = { "content-type": "text/plain" };
    expect((await api.call("POST", "/issuers", new RawBody("name"), text)).status).toBe(415);
    expect((await api.call("GET", "/issuers?colour=red")).status).toBe(422);
    await api.call("POST", `/api-keys/${key.id}/revoke`);
    expect((await api.call("POST", `/api-keys/${key.id}/rotate`)).status).toBe(409);

    await api.call("DELETE", `${issuer}/agents/${agent.id}`);
    await api.call("DELETE", `${issuer}/organizations/${org.id}`);
    await api.call("DELETE", `${issuer}/users/${user.id}`);
    await api.call("DELETE", `${issuer}/clients/${client.id}`);
    await api.call("DELETE", `/issuers/${createdIssuer.id}`);
    expect((await api.call("GET", `/issuers/${createdIssuer.id}`)).status).toBe(404);

    // Every kind of response was checked: successes, 404, 409, 412 and 422.
    const statuses = new Set(api.checked.map((c) => c.status));
    for (const status of [200, 201, 202, 204, 400, 404, 409, 412, 413, 415, 422])
      expect(statuses).toContain(status);
    const operations = new Set(api.checked.map((c) => `${c.method} ${c.template}`));
    expect(operations.size).toBeGreaterThan(50);
  });
});
