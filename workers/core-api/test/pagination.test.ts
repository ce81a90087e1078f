import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Page = { data: Record<string, unknown>[]; has_more: boolean; next_cursor: string | null };

/** Walks a list two at a time and returns the ids in order, checking the envelope. */
async function walk(path: string, auth: string, idField = "id"): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const url = `${path}${sep}limit=2${cursor ? `&cursor=${cursor}` : ""}`;
    const response = await apiCall("GET", url, auth);
    expect(response.status, url).toBe(200);
    const page = (await response.json()) as Page;
    expect(page.data.length).toBeLessThanOrEqual(2);
    ids.push(...page.data.map((item) => item[idField] as string));
    if (!page.has_more) {
      expect(page.next_cursor).toBeNull();
      return ids;
    }
    cursor = page.next_cursor;
  }
  throw new Error(`${path} did not end`);
}

describe("lists: limit, cursor, {data, has_more, next_cursor}, newest first", () => {
  it("pages every kind of resource without gaps or repeats", async () => {
    const s = await seedIssuer(DB);
    const account = `/v1/accounts/${s.accountId}`;
    const issuer = `${account}/issuers/${s.issuer.id}`;
    const org = await dataOf<{ id: string }>(
      await apiCall("POST", `${issuer}/organizations`, s.basicAuth, { name: "o0" }),
    );
    const made: Record<string, string[]> = {
      issuers: [s.issuer.id],
      clients: [s.web.client.id, s.spa.client.id],
      users: [s.user.id],
      organizations: [org.id],
      agents: [],
      invitations: [],
      keys: [s.keyId],
    };
    const post = async (path: string, body: unknown) =>
      (await dataOf<{ id: string }>(await apiCall("POST", path, s.basicAuth, body))).id;
    for (let i = 1; i <= 3; i++) {
      made.issuers?.push(await post(`${account}/issuers`, { name: `i${i}` }));
      made.clients?.push(await post(`${issuer}/clients`, { name: `c${i}`, type: "m2m" }));
      made.users?.push(
        await post(`${issuer}/users`, { username_type: "email", username: `u${i}@example.com` }),
      );
      made.organizations?.push(await post(`${issuer}/organizations`, { name: `o${i}` }));
      made.agents?.push(await post(`${issuer}/agents`, { name: `a${i}` }));
      made.invitations?.push(
        await post(`${issuer}/organizations/${org.id}/invitations`, {
          email_invited: `inv${i}@example.com`,
          scopes: ["member"],
        }),
      );
      made.keys?.push(
        await post(`${account}/api-keys`, { name: `k${i}`, restrictions: { scopes: [] } }),
      );
    }
    const newestFirst = (ids: string[] = []) => [...ids].sort().reverse();
    expect(await walk(`${account}/issuers`, s.basicAuth)).toEqual(newestFirst(made.issuers));
    expect(await walk(`${issuer}/clients`, s.basicAuth)).toEqual(newestFirst(made.clients));
    expect(await walk(`${issuer}/users`, s.basicAuth, "user_id")).toEqual(newestFirst(made.users));
    expect(await walk(`${issuer}/organizations`, s.basicAuth)).toEqual(
      newestFirst(made.organizations),
    );
    expect(await walk(`${issuer}/agents`, s.basicAuth)).toEqual(newestFirst(made.agents));
    expect(await walk(`${issuer}/organizations/${org.id}/invitations`, s.basicAuth)).toEqual(
      newestFirst(made.invitations),
    );
    expect(await walk(`${account}/api-keys`, s.basicAuth)).toEqual(newestFirst(made.keys));
  });

  it("refuses a limit outside 1–100 with the field named", async () => {
    const s = await seedIssuer(DB);
    for (const limit of [0, 101, "x"]) {
      const response = await apiCall(
        "GET",
        `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users?limit=${limit}`,
        s.basicAuth,
      );
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        error_description: expect.stringContaining("limit"),
      });
    }
  });
});
