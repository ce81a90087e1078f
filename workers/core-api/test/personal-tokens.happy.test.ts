import { events } from "@authpi/domain/db";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decodeParts, setup, type Token } from "./support/personal-tokens.ts";

describe("personal tokens", () => {
  it("mints a ptk_ JWT once, lists it, reads it by id and introspects it as active", async () => {
    const { s, userTokens, create, introspect } = await setup();
    const before = Date.now();
    const created = await create({
      name: "cli",
      tags: ["laptop"],
      restrictions: { scopes: ["projects:read", "email"] },
    });
    expect(created.status).toBe(201);
    const token = await dataOf<Token>(created);
    expect(token).toMatchObject({ user_id: s.user.id, issuer_id: s.issuer.id, status: "active" });
    expect(token.id).toMatch(/^tok_[0-9a-z]{50}$/);
    expect(token.expires_at - before).toBeGreaterThanOrEqual(21 * 86_400_000 - 5_000);
    const plain = token.token_plain as string;
    expect(plain.startsWith("ptk_")).toBe(true);
    const jwt = plain.slice(4);
    expect(decodeParts(jwt).header.typ).toBe("pat+jwt");
    expect(decodeParts(jwt).payload).toMatchObject({
      sub: s.user.id,
      jti: token.jti,
      scope: "projects:read email",
      dat: { type: "token" },
    });

    const listed = await dataOf<Token[]>(await apiCall("GET", userTokens, s.basicAuth));
    expect(listed.map((t) => t.id)).toEqual([token.id]);
    expect(JSON.stringify(listed)).not.toContain(jwt);
    const got = await apiCall("GET", `/v1/accounts/${s.accountId}/tokens/${token.id}`, s.basicAuth);
    expect(await dataOf<Token>(got)).toMatchObject({
      id: token.id,
      scopes: ["projects:read", "email"],
    });

    expect(await introspect(plain)).toMatchObject({
      active: true,
      token_type: "personal_token",
      id: token.id,
      sub: s.user.id,
      scope: "projects:read email",
    });
  });

  it("revokes with a reason, deletes, and records each change as an event", async () => {
    const { s, userTokens, create, introspect } = await setup();
    const token = await dataOf<Token>(await create({ name: "ci" }));
    const path = `/v1/accounts/${s.accountId}/tokens/${token.id}`;
    const revoked = await apiCall("POST", `${path}/revoke`, s.basicAuth, { reason: "leaked" });
    expect(await dataOf<Token>(revoked)).toMatchObject({
      status: "revoked",
      status_reason: "leaked",
    });
    expect(await introspect(token.token_plain as string)).toEqual({
      active: false,
      reason: "revoked",
    });
    const revokedList = await apiCall("GET", `${userTokens}?status=revoked`, s.basicAuth);
    expect((await dataOf<Token[]>(revokedList)).map((t) => t.id)).toEqual([token.id]);
    const active = await apiCall("GET", `${userTokens}?status=active`, s.basicAuth);
    expect(await dataOf<Token[]>(active)).toEqual([]);
    // Revoking again changes nothing; a revoked name is free again.
    expect((await apiCall("POST", `${path}/revoke`, s.basicAuth)).status).toBe(200);
    expect((await create({ name: "ci" })).status).toBe(201);

    expect((await apiCall("DELETE", path, s.basicAuth)).status).toBe(204);
    expect((await apiCall("GET", path, s.basicAuth)).status).toBe(404);
    expect(await introspect(token.token_plain as string)).toEqual({
      active: false,
      reason: "not_found",
    });
    const types = (await s.db.select().from(events).where(eq(events.subjectId, token.id))).map(
      (e) => e.type,
    );
    expect(types).toEqual([
      "user.personal-token.created",
      "user.personal-token.updated",
      "user.personal-token.deleted",
    ]);
  });

  it("pages a user's tokens newest first", async () => {
    const { userTokens, create, s } = await setup();
    const ids: string[] = [];
    for (const name of ["a", "b", "c"]) ids.push((await dataOf<Token>(await create({ name }))).id);
    const first = (await (await apiCall("GET", `${userTokens}?limit=2`, s.basicAuth)).json()) as {
      data: Token[];
      has_more: boolean;
      next_cursor: string;
    };
    expect(first.data.map((t) => t.id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const next = await apiCall(
      "GET",
      `${userTokens}?limit=2&cursor=${first.next_cursor}`,
      s.basicAuth,
    );
    expect((await dataOf<Token[]>(next)).map((t) => t.id)).toEqual([ids[0]]);
  });
});
