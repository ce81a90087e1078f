import { env } from "cloudflare:workers";
import { newId } from "@authpi/domain/ids";
import { type IssuerStoreObject, type IssuerStoreRpc, issuerStoreId } from "@authpi/domain/oauth";

const bindings = env as unknown as { ISSUER_STORE: DurableObjectNamespace<IssuerStoreObject> };

/** The IdP's real Durable Object for an issuer, as the Core API reaches it. */
export function issuerStoreOf(issuerId: string): IssuerStoreRpc {
  const ns = bindings.ISSUER_STORE;
  return ns.get(issuerStoreId(ns, issuerId));
}

/** An rp session under `op`, made the way the IdP makes one: a code, then its redemption. */
export async function openRpSession(
  store: IssuerStoreRpc,
  op: { id: string; userId: string },
  clientId: string,
  now = Date.now(),
): Promise<string> {
  const codeHash = `code-${crypto.randomUUID()}`;
  await store.saveCode(
    codeHash,
    {
      clientId,
      userId: op.userId,
      sessionId: op.id,
      redirectUri: "https://app.example.com/callback",
      scope: "openid",
      nonce: null,
      codeChallenge: null,
      authTime: now,
      resource: [],
      orgId: null,
    },
    now + 60_000,
  );
  const rpId = newId("session", now);
  const redeemed = await store.redeemCode(
    codeHash,
    clientId,
    { id: rpId, clientId, refreshJti: crypto.randomUUID(), refreshExpiresAt: now + 3600_000 },
    now,
  );
  if (redeemed.status !== "ok") throw new Error(`code redemption failed: ${redeemed.status}`);
  return rpId;
}

/** `ops` op sessions of a user (at most 50 stay live), each with `rpsPerOp` rp sessions. */
export async function openSessions(
  issuerId: string,
  userId: string,
  clientId: string,
  counts: { ops: number; rpsPerOp: number },
): Promise<string[]> {
  const store = issuerStoreOf(issuerId);
  const now = Date.now();
  const trees = await Promise.all(
    Array.from({ length: counts.ops }, async () => {
      const op = await store.createOpSession(
        {
          id: newId("session", now),
          userId,
          authMethod: "password",
          authTime: now,
          maxAgeMs: 3600_000,
          idleTimeoutMs: 600_000,
          secretHash: "x",
          device: { user_agent: "test" },
        },
        now,
      );
      const rps = await Promise.all(
        Array.from({ length: counts.rpsPerOp }, () => openRpSession(store, op, clientId, now)),
      );
      return [op.id, ...rps];
    }),
  );
  return trees.flat();
}
