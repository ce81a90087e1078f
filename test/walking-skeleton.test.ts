import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

let system: SeededSystem;

beforeAll(async () => {
  system = await startSeededSystem();
});
afterAll(async () => {
  await system?.stop();
});

describe("the three workers together on workerd", () => {
  it("serves discovery and JWKS for the seeded issuer", async () => {
    const iss = `${system.idpUrl}/${system.seed.issuer_id}`;
    const config = await (await fetch(`${iss}/.well-known/openid-configuration`)).json();
    expect(config).toMatchObject({ issuer: iss, jwks_uri: `${iss}/jwks.json` });
    const jwks = (await (await fetch(`${iss}/jwks.json`)).json()) as { keys: unknown[] };
    expect(jwks.keys).toHaveLength(3);
  });

  it("creates an issuer through the Core API, serves it on the IdP API and delivers issuer.created to the dispatcher", async () => {
    const response = await fetch(
      `${system.coreUrl}/v1/accounts/${system.seed.account_id}/issuers`,
      {
        method: "POST",
        headers: { authorization: system.basicAuth, "content-type": "application/json" },
        body: JSON.stringify({ name: "skeleton" }),
      },
    );
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: { id: string } };

    const discovery = await fetch(`${system.idpUrl}/${data.id}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);

    const db = await system.d1();
    await vi.waitFor(
      async () => {
        const row = await db
          .prepare(
            "SELECT queued_at, dispatched_at FROM events WHERE subject_id = ? AND type = 'issuer.created'",
          )
          .bind(data.id)
          .first<{ queued_at: number | null; dispatched_at: number | null }>();
        expect(row?.queued_at).toBeTypeOf("number");
        expect(row?.dispatched_at).toBeTypeOf("number");
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it("refuses the Core API without credentials, in the envelope", async () => {
    const response = await fetch(`${system.coreUrl}/v1/accounts/${system.seed.account_id}/issuers`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthorized" });
  });

  it("answers 404 in the envelope for an unknown issuer on the IdP API", async () => {
    const response = await fetch(`${system.idpUrl}/i_00000000000000000000000000/jwks.json`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "not_found",
      error_description: "Issuer not found",
    });
  });
});
