import { apiCall, dataOf, workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import { setup } from "./support/personal-tokens.ts";

const DAY = 86_400_000;

describe("personal tokens: what is refused", () => {
  it("caps the life at 21 days and names the field", async () => {
    const { create } = await setup();
    for (const expires_at of [Date.now() + 21 * DAY + 60_000, Date.now() - 1]) {
      const refused = await create({ name: "long", expires_at });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ fields: [{ field: "expires_at" }] });
    }
    expect((await create({ name: "short", expires_at: Date.now() + DAY })).status).toBe(201);
  });

  it("allows one live token per name and 50 live tokens per user", async () => {
    const { create } = await setup();
    expect((await create({ name: "same" })).status).toBe(201);
    const again = await create({ name: "same" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: "conflict" });
    for (let i = 1; i < 50; i++) expect((await create({ name: `t${i}` })).status).toBe(201);
    const over = await create({ name: "fifty-first" });
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error_description: string }).error_description).toContain(
      "50",
    );
  });

  it("refuses bad bodies with the field, unknown users with 404", async () => {
    const { s, issuerPath, create } = await setup();
    const spaced = await create({ name: "x", restrictions: { scopes: ["two words"] } });
    expect(spaced.status).toBe(422);
    expect((await create({ restrictions: {} })).status).toBe(422);
    const nobody = await apiCall(
      "POST",
      `${issuerPath}/users/usr_00000000000000000000000000/tokens`,
      s.basicAuth,
      { name: "ghost" },
    );
    expect(nobody.status).toBe(404);
    const { id } = await dataOf<{ id: string }>(await create({ name: "real" }));
    const garbled = await workerFetch(`/v1/accounts/${s.accountId}/tokens/${id}/revoke`, {
      method: "POST",
      headers: { authorization: s.basicAuth, "content-type": "application/json" },
      body: "{not json",
    });
    expect(garbled.status).toBe(400);
  });
});
