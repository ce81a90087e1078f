import { env } from "cloudflare:workers";
import { notes } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("notes: other accounts, bad subjects, cascades", () => {
  it("refuses subjects outside the account or issuer, and never shows another account's notes", async () => {
    const mine = await seedIssuer(DB);
    const theirs = await seedIssuer(DB);
    const base = `/v1/accounts/${mine.accountId}/notes`;
    const cases = [
      { subject_type: "user", subject_id: theirs.user.id, issuer_id: theirs.issuer.id },
      { subject_type: "user", subject_id: theirs.user.id, issuer_id: mine.issuer.id },
      { subject_type: "issuer", subject_id: theirs.issuer.id },
      { subject_type: "user", subject_id: mine.user.id },
      { subject_type: "client", subject_id: "c_nothing", issuer_id: mine.issuer.id },
    ];
    for (const body of cases) {
      const response = await apiCall("POST", base, mine.basicAuth, { ...body, content: "x" });
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    const theirNote = await dataOf<{ id: string }>(
      await apiCall("POST", `/v1/accounts/${theirs.accountId}/notes`, theirs.basicAuth, {
        subject_type: "issuer",
        subject_id: theirs.issuer.id,
        content: `secret plan [[user:${mine.user.id}]]`,
      }),
    );
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const response = await apiCall(
        method,
        `${base}/${theirNote.id}`,
        mine.basicAuth,
        method === "PATCH" ? { pinned: true } : undefined,
      );
      expect(response.status, method).toBe(404);
    }
    const listed = await (await apiCall("GET", base, mine.basicAuth)).text();
    expect(listed).not.toContain(theirNote.id);
    const backlinks = await dataOf<unknown[]>(
      await apiCall(
        "GET",
        `${base}/backlinks?ref_type=user&ref_id=${mine.user.id}`,
        mine.basicAuth,
      ),
    );
    expect(backlinks).toEqual([]);
    const count = await dataOf<{ count: number }>(
      await apiCall(
        "GET",
        `${base}/count?subject_type=issuer&subject_id=${theirs.issuer.id}`,
        mine.basicAuth,
      ),
    );
    expect(count.count).toBe(0);
  });

  it("refuses bad input: unknown fields, empty content, a forged cursor, subject_id alone", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/notes`;
    const onIssuer = { subject_type: "issuer", subject_id: s.issuer.id };
    for (const body of [
      { ...onIssuer, content: "" },
      { ...onIssuer, content: "x", author: "me" },
      { ...onIssuer, subject_type: "webhook", content: "x" },
    ]) {
      expect((await apiCall("POST", base, s.basicAuth, body)).status).toBe(422);
    }
    for (const query of ["cursor=2:note_x", "subject_id=usr_1", "pinned=yes", "limit=101"]) {
      expect((await apiCall("GET", `${base}?${query}`, s.basicAuth)).status, query).toBe(422);
    }
    expect((await apiCall("GET", `${base}/count?subject_type=user`, s.basicAuth)).status).toBe(422);
    expect(
      (await apiCall("GET", `${base}/backlinks?ref_type=agent&ref_id=x`, s.basicAuth)).status,
    ).toBe(422);
    const tooMany = Array.from({ length: 51 }, (_, i) => `@[P](usr_${i})`).join(" ");
    const crowded = await apiCall("POST", base, s.basicAuth, { ...onIssuer, content: tooMany });
    expect(crowded.status).toBe(422);
  });

  it("deletes notes with the user, organization or issuer they are about", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/notes`;
    const issuerPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const org = await dataOf<{ id: string }>(
      await apiCall("POST", `${issuerPath}/organizations`, s.basicAuth, { name: "o" }),
    );
    const note = async (subject_type: string, subject_id: string) =>
      (
        await dataOf<{ id: string }>(
          await apiCall("POST", base, s.basicAuth, {
            subject_type,
            subject_id,
            issuer_id: s.issuer.id,
            content: `about @[X](usr_x) [[org:${org.id}]]`,
          }),
        )
      ).id;
    const onUser = await note("user", s.user.id);
    const onOrg = await note("org", org.id);
    const onClient = await note("client", s.web.client.id);
    const exists = async (id: string) =>
      (await s.db.select({ id: notes.id }).from(notes).where(eq(notes.id, id))).length === 1;
    await apiCall("DELETE", `${issuerPath}/users/${s.user.id}`, s.basicAuth);
    expect(await exists(onUser)).toBe(false);
    expect(await exists(onOrg)).toBe(true);
    await apiCall("DELETE", `${issuerPath}/organizations/${org.id}`, s.basicAuth);
    expect(await exists(onOrg)).toBe(false);
    expect(await exists(onClient)).toBe(true);
    await apiCall("DELETE", issuerPath, s.basicAuth);
    expect(await exists(onClient)).toBe(false);
  });
});
