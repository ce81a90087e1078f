import { env } from "cloudflare:workers";
import { events, noteMentions, noteReferences } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Note = {
  id: string;
  issuer_id: string | null;
  subject_type: string;
  subject_id: string;
  content: string;
  pinned: boolean;
  created_by: string;
  updated_by: string | null;
  mentions: { mentioned_user_id: string }[];
  references: { ref_type: string; ref_id: string; ref_issuer_id: string | null }[];
};

describe("notes", () => {
  it("attaches a note with mentions and references, edits, pins and deletes it", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/notes`;
    const created = await apiCall("POST", base, s.basicAuth, {
      subject_type: "user",
      subject_id: s.user.id,
      issuer_id: s.issuer.id,
      content: `Asked for a refund; @[Ops](usr_ops1) see [[client:${s.web.client.id}|the web app]] and [[issuer:${s.issuer.id}]], also @[Ops](usr_ops1) [[webhook:wh_1]]`,
    });
    expect(created.status).toBe(201);
    const note = await dataOf<Note>(created);
    expect(note).toMatchObject({
      id: expect.stringMatching(/^note_/),
      issuer_id: s.issuer.id,
      pinned: false,
      created_by: s.keyId,
      mentions: [{ mentioned_user_id: "usr_ops1" }],
    });
    expect(note.references.map((r) => [r.ref_type, r.ref_id, r.ref_issuer_id]).sort()).toEqual(
      [
        ["client", s.web.client.id, s.issuer.id],
        ["issuer", s.issuer.id, s.issuer.id],
        ["webhook", "wh_1", null],
      ].sort(),
    );

    const got = await apiCall("GET", `${base}/${note.id}`, s.basicAuth);
    const etag = got.headers.get("etag") as string;
    expect(
      (
        await apiCall(
          "PATCH",
          `${base}/${note.id}`,
          s.basicAuth,
          { pinned: true },
          { "if-match": '"1"' },
        )
      ).status,
    ).toBe(412);
    const edited = await apiCall(
      "PATCH",
      `${base}/${note.id}`,
      s.basicAuth,
      { content: "Refunded. @[Lead](usr_lead)", pinned: true },
      { "if-match": etag },
    );
    expect(await dataOf<Note>(edited)).toMatchObject({
      content: "Refunded. @[Lead](usr_lead)",
      pinned: true,
      updated_by: s.keyId,
      mentions: [{ mentioned_user_id: "usr_lead" }],
      references: [],
    });
    expect((await apiCall("DELETE", `${base}/${note.id}`, s.basicAuth)).status).toBe(204);
    expect((await apiCall("GET", `${base}/${note.id}`, s.basicAuth)).status).toBe(404);
    expect(await s.db.select().from(noteMentions).where(eq(noteMentions.noteId, note.id))).toEqual(
      [],
    );
    const recorded = await s.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.accountId, s.accountId), like(events.type, "note.%")))
      .orderBy(events.id);
    expect(recorded.map((e) => e.type)).toEqual(["note.created", "note.updated", "note.deleted"]);
  });

  it("answers a replayed Idempotency-Key with the first note", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/notes`;
    const once = { subject_type: "issuer", subject_id: s.issuer.id, content: "once" };
    const key = { "idempotency-key": "note-1" };
    const first = await dataOf<Note>(await apiCall("POST", base, s.basicAuth, once, key));
    const replay = await apiCall("POST", base, s.basicAuth, once, key);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await dataOf<Note>(replay)).id).toBe(first.id);
    const listed = await dataOf<Note[]>(await apiCall("GET", base, s.basicAuth));
    expect(listed.map((n) => n.id)).toEqual([first.id]);
  });

  it("lists pinned first then newest, pages with its cursor, filters, counts and finds backlinks", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/notes`;
    const post = async (body: Record<string, unknown>) =>
      (await dataOf<Note>(await apiCall("POST", base, s.basicAuth, body))).id;
    const onUser = { subject_type: "user", subject_id: s.user.id, issuer_id: s.issuer.id };
    const a = await post({ ...onUser, content: "first" });
    const b = await post({ ...onUser, content: "pinned one @[Me](usr_me)", pinned: true });
    const c = await post({
      subject_type: "issuer",
      subject_id: s.issuer.id,
      content: `see [[user:${s.user.id}]]`,
    });
    const d = await post({ ...onUser, content: `newest, links [[user:${s.user.id}|Alice]]` });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `${base}?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const pageBody = (await (await apiCall("GET", url, s.basicAuth)).json()) as {
        data: Note[];
        next_cursor: string | null;
      };
      seen.push(...pageBody.data.map((n) => n.id));
      cursor = pageBody.next_cursor;
    } while (cursor);
    expect(seen).toEqual([b, d, c, a]);

    const ids = async (query: string) =>
      (await dataOf<Note[]>(await apiCall("GET", `${base}?${query}`, s.basicAuth))).map(
        (n) => n.id,
      );
    expect(await ids(`subject_type=user&subject_id=${s.user.id}`)).toEqual([b, d, a]);
    expect(await ids("subject_type=issuer")).toEqual([c]);
    expect(await ids("pinned=false")).toEqual([d, c, a]);
    expect(await ids("mentions_user_id=usr_me")).toEqual([b]);
    expect(await ids(`created_by=${s.keyId}&issuer_id=${s.issuer.id}`)).toEqual([b, d, c, a]);

    const count = await apiCall(
      "GET",
      `${base}/count?subject_type=user&subject_id=${s.user.id}`,
      s.basicAuth,
    );
    expect(await count.json()).toEqual({ data: { count: 3 } });
    const backlinks = await apiCall(
      "GET",
      `${base}/backlinks?ref_type=user&ref_id=${s.user.id}`,
      s.basicAuth,
    );
    const body = (await backlinks.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["data"]);
    expect((body.data as Note[]).map((n) => n.id)).toEqual([d, c]);
  });

  it("stores a note linking more resources than one statement can bind (D1's 100-parameter limit)", async () => {
    const s = await seedIssuer(DB);
    const links = Array.from(
      { length: 100 },
      (_, i) => `[[user:usr_${String(i).padStart(3, "0")}]]`,
    );
    const mentions = Array.from({ length: 50 }, (_, i) => `@[P${i}](usr_p${i})`);
    const created = await apiCall("POST", `/v1/accounts/${s.accountId}/notes`, s.basicAuth, {
      subject_type: "issuer",
      subject_id: s.issuer.id,
      content: [...links, ...mentions].join(" "),
    });
    expect(created.status).toBe(201);
    const note = await dataOf<Note>(created);
    expect(note.references).toHaveLength(100);
    expect(note.mentions).toHaveLength(50);
    const stored = await s.db
      .select()
      .from(noteReferences)
      .where(eq(noteReferences.noteId, note.id));
    expect(stored).toHaveLength(100);
  });
});
