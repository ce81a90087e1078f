import { DurableObject } from "cloudflare:workers";
import type {
  CodeGrant,
  ConsumeCodeResult,
  IssuerStoreRpc,
} from "@authpi/domain/oauth/issuer-store";
import type { Env } from "../env.ts";
import { migrateStore } from "./store-schema.ts";

/** Consumed codes are kept this long past expiry so a late replay is still recognised. */
const REPLAY_MEMORY_MS = 10 * 60_000;

/**
 * The per-issuer store: authorization codes (and, with the IdP API, sessions and refresh
 * token families). Each method runs its read and write without an `await` between them,
 * so single use is enforced by the object's single-threaded execution.
 */
export class IssuerStore extends DurableObject<Env> implements IssuerStoreRpc {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => migrateStore(this.#sql));
  }

  async saveCode(codeHash: string, grant: CodeGrant, expiresAt: number): Promise<void> {
    this.#sql.exec(
      "INSERT INTO auth_codes (code_hash, grant_json, expires_at) VALUES (?, ?, ?)",
      codeHash,
      JSON.stringify(grant),
      expiresAt,
    );
    await this.#scheduleCleanup(expiresAt + REPLAY_MEMORY_MS);
  }

  /** Single use (RFC 6749 §4.1.2): the first call wins; later calls learn it was replayed. */
  async consumeCode(codeHash: string, now: number): Promise<ConsumeCodeResult> {
    const row = this.#sql
      .exec<{ grant_json: string; expires_at: number; consumed_at: number | null }>(
        "SELECT grant_json, expires_at, consumed_at FROM auth_codes WHERE code_hash = ?",
        codeHash,
      )
      .toArray()[0];
    if (!row) return { status: "invalid" };
    const grant = JSON.parse(row.grant_json) as CodeGrant;
    if (row.consumed_at !== null) return { status: "replayed", grant };
    this.#sql.exec("UPDATE auth_codes SET consumed_at = ? WHERE code_hash = ?", now, codeHash);
    if (row.expires_at <= now) return { status: "invalid" };
    return { status: "ok", grant };
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    this.#sql.exec("DELETE FROM auth_codes WHERE expires_at + ? <= ?", REPLAY_MEMORY_MS, now);
    const next = this.#sql
      .exec<{ next: number | null }>("SELECT min(expires_at) AS next FROM auth_codes")
      .one().next;
    if (next !== null) await this.ctx.storage.setAlarm(next + REPLAY_MEMORY_MS);
  }

  async #scheduleCleanup(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}
