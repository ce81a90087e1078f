import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { CodeGrant, RedeemCodeResult } from "@authpi/domain/oauth";
import type { ClaimsSnapshot } from "@authpi/domain/tokens";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { activeTokenClaims, redeemCode, rotateRefresh } from "../src/objects/refresh-families.ts";

// The statements a warm token path runs inside the issuer's object (docs/decisions/token-paths.md):
// each is a call across the SQLite boundary, so the paths read a session tree with its user's
// claims entry in one statement. A test of counts, not of time.

const { ISSUER_STORE } = env as unknown as Env;

const USER = "usr_statements";
const snapshot: ClaimsSnapshot = {
  user: {
    id: USER,
    status: "active",
    username: "s@example.com",
    usernameType: "email",
    profile: {},
    customClaims: {},
  },
  memberships: [],
};

function grant(sessionId: string): CodeGrant {
  return {
    clientId: "c_test",
    userId: USER,
    sessionId,
    redirectUri: "https://app.example.com/callback",
    scope: "openid offline_access",
    nonce: "n",
    codeChallenge: "challenge",
    authTime: 1,
    resource: [],
    orgId: null,
  };
}

/** A statement without its parenthesised parts (subqueries, column and value lists). */
function outerPart(query: string): string {
  let outer = query;
  while (/\([^()]*\)/.test(outer)) outer = outer.replace(/\([^()]*\)/g, "");
  return outer;
}

/** The first word and the outer statement's table of each statement run through `sql`, in order. */
function counting(sql: SqlStorage): { sql: SqlStorage; statements: string[] } {
  const statements: string[] = [];
  const exec = (query: string, ...bindings: unknown[]) => {
    const outer = outerPart(query);
    statements.push(
      `${outer.trim().split(/\s+/)[0]} ${outer.match(/(?:FROM|INTO|UPDATE) (\w+)/)?.[1]}`,
    );
    return sql.exec(query, ...bindings);
  };
  return { sql: { exec } as unknown as SqlStorage, statements };
}

describe("the issuer store's statements per warm token request", () => {
  it("exchanges a code in four, rotates in three, and checks a token with its claims in two", async () => {
    const stub = ISSUER_STORE.get(ISSUER_STORE.idFromName(crypto.randomUUID()));
    const now = Date.now();
    await stub.createOpSession(
      {
        id: "s_op",
        userId: USER,
        authMethod: "password",
        authTime: now,
        maxAgeMs: 3_600_000,
        idleTimeoutMs: 3_600_000,
        secretHash: "h",
        device: null,
      },
      now,
    );
    // A first exchange leaves the user's claims entry; the fill makes the snapshot warm.
    await stub.saveCode("code-1", grant("s_op"), now + 60_000);
    const rp1 = {
      id: "s_rp1",
      clientId: "c_test",
      refreshJti: "rt_a",
      refreshExpiresAt: now + 1e6,
    };
    const first = (await stub.redeemCode("code-1", "c_test", rp1, now)) as RedeemCodeResult;
    if (first.status !== "ok" || first.claims.status !== "miss") throw new Error("expected a miss");
    expect(await stub.fillUserClaims(USER, first.claims.clock as number, snapshot, now)).toBe(true);
    await stub.saveCode("code-2", grant("s_op"), now + 60_000);

    await runInDurableObject(stub, (_instance, state) => {
      const exchange = counting(state.storage.sql);
      const rp2 = {
        id: "s_rp2",
        clientId: "c_test",
        refreshJti: "rt_0",
        refreshExpiresAt: now + 1e6,
      };
      const redeemed = redeemCode(exchange.sql, "code-2", "c_test", rp2, now);
      expect(redeemed).toMatchObject({ status: "ok", claims: { status: "hit", snapshot } });
      expect(exchange.statements).toEqual([
        "UPDATE auth_codes",
        "SELECT sessions",
        "INSERT sessions",
        "INSERT refresh_tokens",
      ]);

      const rotation = counting(state.storage.sql);
      const next = { jti: "rt_1", expiresAt: now + 1e6 };
      const rotated = rotateRefresh(rotation.sql, "rt_0", "c_test", next, now + 1_000);
      expect(rotated).toMatchObject({ status: "ok", claims: { status: "hit", snapshot } });
      expect(rotation.statements).toEqual([
        "SELECT sessions",
        "INSERT refresh_tokens",
        "UPDATE sessions",
      ]);

      const check = counting(state.storage.sql);
      const token = { sid: "s_rp2", jti: "at_1", kind: "access" as const };
      expect(activeTokenClaims(check.sql, token, USER, now + 2_000)).toEqual({
        status: "hit",
        snapshot,
      });
      expect(check.statements).toEqual(["SELECT revoked_tokens", "SELECT sessions"]);
    });
  });
});
