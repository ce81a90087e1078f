import { env } from "cloudflare:workers";
import { clients } from "@authpi/domain/db";
import type { BackChannelLogoutMessage, DeliveryMessage } from "@authpi/domain/delivery-queue";
import { newId } from "@authpi/domain/ids";
import { type IssuerStoreRpc, issuerStoreId } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { openRpSession } from "@authpi/testkit/many-sessions";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";

const bindings = env as unknown as Env;

/** A JWT's claims, unverified (the IdP's tests verify logout tokens against the JWKS). */
function decodeJwt(jwt: string): Record<string, unknown> {
  const part = (jwt.split(".")[1] ?? "").replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(atob(part)) as Record<string, unknown>;
}
afterEach(() => vi.restoreAllMocks());

function store(issuerId: string): IssuerStoreRpc {
  const ns = bindings.ISSUER_STORE;
  return ns.get(issuerStoreId(ns, issuerId));
}

/** What the Core API puts on the deliveries queue. */
function captureQueue() {
  const sent: DeliveryMessage[] = [];
  vi.spyOn(bindings.DELIVERIES, "sendBatch").mockImplementation(
    async (messages: Iterable<{ body: DeliveryMessage }>) => {
      for (const m of messages) sent.push(m.body);
      return {
        metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
      } as QueueSendBatchResponse;
    },
  );
  return sent as BackChannelLogoutMessage[];
}

/** An op session and one rp session of `clientId`, in the IdP's real Durable Object. */
async function signedIn(issuerId: string, userId: string, clientId: string) {
  const now = Date.now();
  const s = store(issuerId);
  const op = await s.createOpSession(
    {
      id: newId("session", now),
      userId,
      authMethod: "password",
      authTime: now,
      maxAgeMs: 3600_000,
      idleTimeoutMs: 600_000,
      secretHash: "x",
      device: null,
    },
    now,
  );
  return { op: op.id, rp: await openRpSession(s, op, clientId, now) };
}

describe("back-channel logout when the Core API ends sessions", () => {
  it("queues a logout token for the RP when a session is revoked and when the user is blocked", async () => {
    const s = await seedIssuer(bindings.DB);
    await s.db
      .update(clients)
      .set({
        settings: {
          ...s.web.client.settings,
          backchannel_logout_uri: "https://app.example.com/bc",
        },
      })
      .where(eq(clients.id, s.web.client.id));
    const sent = captureQueue();
    const first = await signedIn(s.issuer.id, s.user.id, s.web.client.id);
    const sessionPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/sessions/${first.op}`;
    expect((await apiCall("POST", `${sessionPath}/revoke`, s.basicAuth, {})).status).toBe(200);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      uri: "https://app.example.com/bc",
      client_id: s.web.client.id,
    });
    expect(decodeJwt(sent[0]?.logout_token as string)).toMatchObject({
      sid: first.rp,
      sub: s.user.id,
      aud: s.web.client.id,
    });

    const second = await signedIn(s.issuer.id, s.user.id, s.web.client.id);
    const userPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}`;
    await apiCall("PATCH", userPath, s.basicAuth, { status: "blocked" });
    expect(sent).toHaveLength(2);
    expect(decodeJwt(sent[1]?.logout_token as string).sid).toBe(second.rp);
  });

  it("queues nothing for a client without a back-channel URI", async () => {
    const s = await seedIssuer(bindings.DB);
    const sent = captureQueue();
    const session = await signedIn(s.issuer.id, s.user.id, s.web.client.id);
    const sessionPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/sessions/${session.op}`;
    expect((await apiCall("POST", `${sessionPath}/revoke`, s.basicAuth, {})).status).toBe(200);
    expect(sent).toEqual([]);
  });
});
