import { env } from "cloudflare:workers";
import { CreateClientInput, createClient } from "@authpi/domain/clients";
import {
  events,
  insertRows,
  memberships,
  runBatch,
  users,
  webhookDeliveries,
} from "@authpi/domain/db";
import { buildEventRow, eventToWire } from "@authpi/domain/events";
import { newId } from "@authpi/domain/ids";
import {
  addMember,
  CreateInvitationInput,
  createInvitation,
  createOrganization,
} from "@authpi/domain/organizations";
import { CreateUserInput, createUser } from "@authpi/domain/users";
import { CreateWebhookInput, createDeliveries, createWebhook } from "@authpi/domain/webhooks";
import { seedIssuer } from "@authpi/testkit/factories";
import { TEST_SECRETS } from "@authpi/testkit/test-secrets";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/issuer-store-client.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const E = env as unknown as Env;

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

const issuerPath = (s: Seeded) => `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;

async function eventsOf(s: Seeded, type: string) {
  return s.db
    .select()
    .from(events)
    .where(and(eq(events.issuerId, s.issuer.id), eq(events.type, type)));
}

async function manyUsers(s: Seeded, count: number, prefix: string) {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      createUser(
        s.db,
        s.ctx,
        s.issuer.id,
        CreateUserInput.parse({ username: `${prefix}-${i}`, username_type: "unique-name" }),
      ),
    ),
  );
}

// Hundreds of rows take seconds on a loaded machine; the limit only guards against a hang.
describe("cascading deletes of hundreds of children", { timeout: 60_000 }, () => {
  it("deleting an organization records each of its 300 memberships and 120 invitations", async () => {
    const s = await seedIssuer(DB);
    const org = await createOrganization(s.db, s.ctx, s.issuer.id, { name: "Big" });
    const people = await manyUsers(s, 300, "member");
    await runBatch(
      s.db,
      insertRows(
        s.db,
        memberships,
        people.map((u) => ({
          id: newId("membership", s.ctx.now),
          issuerId: s.issuer.id,
          orgId: org.id,
          memberType: "user",
          memberId: u.id,
          joinedAt: s.ctx.now,
        })),
      ),
    );
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        createInvitation(
          s.db,
          s.ctx,
          TEST_SECRETS.KEY_ENCRYPTION_SECRET,
          { issuerId: s.issuer.id, orgId: org.id },
          CreateInvitationInput.parse({ email_invited: `guest${i}@example.com`, scopes: ["a"] }),
        ),
      ),
    );
    const response = await apiCall(
      "DELETE",
      `${issuerPath(s)}/organizations/${org.id}`,
      s.basicAuth,
    );
    expect(response.status).toBe(204);
    expect(await s.db.select().from(memberships).where(eq(memberships.orgId, org.id))).toEqual([]);
    const removed = await eventsOf(s, "organization.membership.deleted");
    expect(new Set(removed.map((e) => e.data.member_id))).toEqual(new Set(people.map((u) => u.id)));
    expect(removed.every((e) => e.data.reason === "organization_deleted")).toBe(true);
    const revoked = await eventsOf(s, "organization.invitation.deleted");
    expect(revoked).toHaveLength(120);
    expect(await eventsOf(s, "organization.deleted")).toHaveLength(1);
  });

  it("deleting a user records each of their 150 memberships", async () => {
    const s = await seedIssuer(DB);
    const orgs = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        createOrganization(s.db, s.ctx, s.issuer.id, { name: `org-${i}` }),
      ),
    );
    await Promise.all(
      orgs.map((o) =>
        addMember(s.db, issuerStore(E, s.issuer.id), s.ctx, s.issuer.id, o.id, {
          member_id: s.user.id,
        }),
      ),
    );
    const path = `${issuerPath(s)}/users/${s.user.id}`;
    expect((await apiCall("DELETE", path, s.basicAuth)).status).toBe(204);
    const removed = await eventsOf(s, "organization.membership.deleted");
    expect(new Set(removed.map((e) => e.data.org_id))).toEqual(new Set(orgs.map((o) => o.id)));
    expect(
      await s.db.select().from(memberships).where(eq(memberships.memberId, s.user.id)),
    ).toEqual([]);
  });

  it("deleting an issuer takes its 300 users and 100 clients in one batch", async () => {
    const s = await seedIssuer(DB);
    await manyUsers(s, 300, "resident");
    for (let i = 0; i < 100; i++) {
      await createClient(
        s.db,
        s.ctx,
        s.issuer.id,
        CreateClientInput.parse({ name: `m2m-${i}`, type: "m2m", settings: { scopes: [] } }),
      );
    }
    expect((await apiCall("DELETE", issuerPath(s), s.basicAuth)).status).toBe(204);
    expect(await s.db.select().from(users).where(eq(users.issuerId, s.issuer.id))).toEqual([]);
  });

  it("deleting a webhook takes its 300 deliveries", async () => {
    const s = await seedIssuer(DB);
    const { webhook } = await createWebhook(
      s.db,
      s.ctx,
      { secretKey: TEST_SECRETS.KEY_ENCRYPTION_SECRET, urlPolicy: "production" },
      CreateWebhookInput.parse({
        name: "all",
        url: "https://hooks.example.com/all",
        auth: { type: "none" },
      }),
    );
    for (let i = 0; i < 300; i++) {
      const row = buildEventRow(s.ctx, {
        type: "user.updated",
        subject: { type: "user", id: "u" },
      });
      const event = eventToWire({ ...row, queuedAt: null, dispatchedAt: null } as never);
      await createDeliveries(s.db, event, s.ctx.now);
    }
    const path = `/v1/accounts/${s.accountId}/webhooks/${webhook.id}`;
    expect((await apiCall("DELETE", path, s.basicAuth)).status).toBe(204);
    const left = await s.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, webhook.id));
    expect(left).toEqual([]);
  });
});
