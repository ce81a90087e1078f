import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("key rotation is the issuer owner's alone", () => {
  it("another account's issuer is a 404 and rotates nothing", async () => {
    const mine = await seedIssuer(DB);
    const theirs = await seedIssuer(DB);
    const path = `/v1/accounts/${mine.accountId}/issuers/${theirs.issuer.id}/keys/rotate`;
    expect((await apiCall("POST", path, mine.basicAuth)).status).toBe(404);
    const foreign = `/v1/accounts/${theirs.accountId}/issuers/${theirs.issuer.id}/keys/rotate`;
    expect((await apiCall("POST", foreign, mine.basicAuth)).status).toBe(404);
    const events = `/v1/accounts/${theirs.accountId}/events?event_types=signing-key.rotated`;
    const listed = (await (await apiCall("GET", events, theirs.basicAuth)).json()) as {
      data: unknown[];
    };
    expect(listed.data).toEqual([]);
  });

  it("a read-only key may not rotate", async () => {
    const s = await seedIssuer(DB);
    const key = await dataOf<{ id: string; secret_plain: string }>(
      await apiCall("POST", `/v1/accounts/${s.accountId}/api-keys`, s.basicAuth, {
        name: "reader",
        restrictions: { scopes: ["issuers:read"] },
      }),
    );
    const auth = `Basic ${btoa(`${key.id}:${key.secret_plain}`)}`;
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/keys/rotate`;
    expect((await apiCall("POST", path, auth)).status).toBe(403);
  });

  it("refuses unknown body fields, naming them", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/keys/rotate`;
    const response = await apiCall("POST", path, s.basicAuth, { alg: "none" });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("alg");
  });
});
