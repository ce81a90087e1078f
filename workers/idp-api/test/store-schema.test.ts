import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { migrateStore, STORE_MIGRATIONS } from "../src/objects/store-schema.ts";

const { ISSUER_STORE } = env as unknown as Env;

/** Drops every table of a fresh store, so migrations can be replayed from version 0. */
function emptied(sql: SqlStorage): void {
  const tables = sql
    .exec<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE '_cf_%' AND name NOT LIKE 'sqlite_%'`,
    )
    .toArray();
  for (const { name } of tables) sql.exec(`DROP TABLE "${name}"`);
}

const ungranted = (id: string) => ({
  id,
  grant_scope: null,
  grant_resource_json: null,
  grant_org_id: null,
  dpop_jkt: null,
});

describe("the issuer store's migrations", () => {
  it("move each refresh grant onto its rp session and drop the old table", async () => {
    const stub = ISSUER_STORE.get(ISSUER_STORE.idFromName(crypto.randomUUID()));
    const move = STORE_MIGRATIONS.findIndex((m) => m.includes("DROP TABLE refresh_grants"));
    expect(move).toBeGreaterThan(0);
    const rows = await runInDurableObject(stub, (_object, state) => {
      const sql = state.storage.sql;
      emptied(sql);
      migrateStore(sql, STORE_MIGRATIONS.slice(0, move));
      const session = `INSERT INTO sessions (id, type, parent_id, user_id, client_id, auth_time,
          created_at, last_active_at, expires_at, idle_timeout_ms) VALUES (?, ?, ?, 'usr_1', ?, 1, 1, 1, 9, 9)`;
      sql.exec(session, "op_1", "op", null, null);
      sql.exec(session, "rp_1", "rp", "op_1", "c_1");
      sql.exec(session, "rp_2", "rp", "op_1", "c_2");
      sql.exec(
        `INSERT INTO refresh_grants (session_id, scope, resource_json, org_id, dpop_jkt)
           VALUES ('rp_1', 'openid offline_access', '["https://api.example.com"]', 'org_1', 'jkt')`,
      );
      migrateStore(sql);
      const tables = sql
        .exec("SELECT 1 FROM sqlite_master WHERE name = 'refresh_grants'")
        .toArray().length;
      const sessions = sql
        .exec(
          `SELECT id, grant_scope, grant_resource_json, grant_org_id, dpop_jkt FROM sessions
             ORDER BY id`,
        )
        .toArray();
      return { tables, sessions };
    });
    expect(rows.tables).toBe(0);
    expect(rows.sessions).toEqual([
      ungranted("op_1"),
      {
        id: "rp_1",
        grant_scope: "openid offline_access",
        grant_resource_json: '["https://api.example.com"]',
        grant_org_id: "org_1",
        dpop_jkt: "jkt",
      },
      ungranted("rp_2"),
    ]);
  });
});
