import { env } from "cloudflare:workers";
import { events, invitations } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Invitation = { id: string; status: string; email_invited: string; scopes: string[] };

async function setup() {
  const s = await seedIssuer(DB);
  const issuerPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
  const org = await dataOf<{ id: string }>(
    await apiCall("POST", `${issuerPath}/organizations`, s.basicAuth, { name: "Acme" }),
  );
  return { s, issuerPath, orgPath: `${issuerPath}/organizations/${org.id}`, orgId: org.id };
}

describe("invitations", () => {
  it("invites (202), keeps the link token only hashed and sealed, and records the event", async () => {
    const { s, orgPath } = await setup();
    const created = await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, {
      email_invited: "Carol@Example.com",
      scopes: ["member", "projects:write"],
      user_title: "Engineer",
      message: "Welcome aboard",
      inviter: { name: "Alice" },
      expires_in_seconds: 1_209_600,
    });
    expect(created.status).toBe(202);
    const body = (await created.json()) as { data: Record<string, unknown> };
    expect(body.data).toMatchObject({
      status: "pending",
      email_invited: "carol@example.com",
      scopes: ["member", "projects:write"],
      inviter: { name: "Alice" },
    });
    expect(JSON.stringify(body)).not.toMatch(/inv_tok_|token/);
    const id = body.data.id as string;
    expect(id).toMatch(/^inv_/);
    expect((body.data.expires_at as number) - (body.data.created_at as number)).toBe(1_209_600_000);
    const [row] = await s.db.select().from(invitations).where(eq(invitations.id, id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.tokenSealed).toMatch(/^v1\./);
    const types = (await s.db.select().from(events).where(eq(events.subjectId, id))).map(
      (e) => e.type,
    );
    expect(types).toEqual(["organization.invitation.created"]);

    const again = await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, {
      email_invited: "carol@example.com",
      scopes: ["member"],
    });
    expect(again.status).toBe(409);
    const noScopes = await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, {
      email_invited: "dan@example.com",
      scopes: [],
    });
    expect(noScopes.status).toBe(422);
    expect(await noScopes.json()).toMatchObject({
      error_description: expect.stringContaining("scopes"),
    });
  });

  it("updates, resends with a fresh link, revokes, and lists by status", async () => {
    const { s, orgPath } = await setup();
    const invite = async (email: string) =>
      dataOf<Invitation>(
        await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, {
          email_invited: email,
          scopes: ["member"],
        }),
      );
    const first = await invite("erin@example.com");
    const second = await invite("frank@example.com");
    const path = `${orgPath}/invitations/${first.id}`;

    const got = await apiCall("GET", path, s.basicAuth);
    const updated = await apiCall(
      "PATCH",
      path,
      s.basicAuth,
      { scopes: ["admin"] },
      {
        "if-match": got.headers.get("etag") as string,
      },
    );
    expect((await dataOf<Invitation>(updated)).scopes).toEqual(["admin"]);

    const [before] = await s.db.select().from(invitations).where(eq(invitations.id, first.id));
    for (let i = 0; i < 2; i++) {
      const resent = await apiCall("POST", `${path}/resend`, s.basicAuth);
      expect(resent.status).toBe(200);
      // Each resend gives the invitation its full life again, never more.
      const { expires_at } = await dataOf<{ expires_at: number }>(resent);
      expect(Math.abs(expires_at - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    }
    const [after] = await s.db.select().from(invitations).where(eq(invitations.id, first.id));
    expect(after?.tokenHash).not.toBe(before?.tokenHash);

    const revoked = await apiCall("POST", `${path}/revoke`, s.basicAuth);
    expect(await dataOf(revoked)).toMatchObject({
      status: "revoked",
      revoked_at: expect.any(Number),
    });
    expect((await apiCall("POST", `${path}/resend`, s.basicAuth)).status).toBe(409);
    expect((await apiCall("POST", `${path}/revoke`, s.basicAuth)).status).toBe(409);

    // An invitation past its expiry reads as expired.
    await s.db
      .update(invitations)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(invitations.id, second.id));
    const list = async (status: string) =>
      (
        await dataOf<Invitation[]>(
          await apiCall("GET", `${orgPath}/invitations?status=${status}`, s.basicAuth),
        )
      ).map((i) => i.id);
    expect(await list("revoked")).toEqual([first.id]);
    expect(await list("expired")).toEqual([second.id]);
    expect(await list("pending")).toEqual([]);

    const types = (await s.db.select().from(events).where(eq(events.subjectId, first.id))).map(
      (e) => e.type,
    );
    expect(types).toEqual([
      "organization.invitation.created",
      "organization.invitation.updated",
      "organization.invitation.resent",
      "organization.invitation.resent",
      "organization.invitation.deleted",
    ]);
  });

  it("freezes invitations of a suspended organization and honours invitation_enabled", async () => {
    const { s, orgPath } = await setup();
    const invite = () =>
      apiCall("POST", `${orgPath}/invitations`, s.basicAuth, {
        email_invited: "gina@example.com",
        scopes: ["member"],
      });
    await apiCall("PATCH", orgPath, s.basicAuth, { status: "suspended" });
    expect((await invite()).status).toBe(409);
    await apiCall("PATCH", orgPath, s.basicAuth, { status: "active", invitation_enabled: false });
    const disabled = await invite();
    expect(disabled.status).toBe(409);
    expect(await disabled.json()).toMatchObject({
      error_description: expect.stringContaining("disabled"),
    });
    // The seeded user is a member already: inviting their address is a conflict.
    await apiCall("PATCH", orgPath, s.basicAuth, { invitation_enabled: true });
    await apiCall("POST", `${orgPath}/members`, s.basicAuth, { member_id: s.user.id });
    const member = await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, {
      email_invited: "alice@example.com",
      scopes: ["member"],
    });
    expect(member.status).toBe(409);
  });

  it("deleting the organization deletes its invitations", async () => {
    const { s, orgPath, orgId } = await setup();
    const invitation = await dataOf<Invitation>(
      await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, {
        email_invited: "hal@example.com",
        scopes: ["member"],
      }),
    );
    expect((await apiCall("DELETE", orgPath, s.basicAuth)).status).toBe(204);
    const left = await s.db.select().from(invitations).where(eq(invitations.orgId, orgId));
    expect(left).toEqual([]);
    expect(invitation.id).toMatch(/^inv_/);
  });

  it("replays a create with the same Idempotency-Key instead of inviting twice", async () => {
    const { s, orgPath } = await setup();
    const body = { email_invited: "ivy@example.com", scopes: ["member"] };
    const headers = { "idempotency-key": "invite-ivy-1" };
    const first = await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, body, headers);
    const again = await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, body, headers);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await dataOf<Invitation>(again)).id).toBe((await dataOf<Invitation>(first)).id);
    const fresh = await apiCall("POST", `${orgPath}/invitations`, s.basicAuth, body);
    expect(fresh.status).toBe(409);
  });
});
