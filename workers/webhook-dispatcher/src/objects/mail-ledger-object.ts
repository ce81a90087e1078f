import { DurableObject } from "cloudflare:workers";
import type { MailLedger as MailLedgerRpc } from "@authpi/domain/mail";
import type { Env } from "../env.ts";

/** How long one attempt holds a key: longer than the mail API's timeout, short enough to retry. */
export const LEASE_MS = 2 * 60_000;
/** Sent keys are kept well past the retry schedule (about 27.5 h) and the queue's redeliveries. */
export const KEEP_MS = 7 * 24 * 3_600_000;

/**
 * The mail requests one issuer has sent, by idempotency key. Each method reads and writes without
 * an `await` in between, so two attempts of one request can never both hold its key.
 */
export class MailLedger extends DurableObject<Env> implements MailLedgerRpc {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    this.#sql.exec(
      `CREATE TABLE IF NOT EXISTS mail_sends (
        key TEXT PRIMARY KEY, state TEXT NOT NULL, lease_until INTEGER NOT NULL,
        forget_at INTEGER NOT NULL)`,
    );
  }

  async claim(key: string, now: number): Promise<"claimed" | "sent" | "busy"> {
    const row = this.#sql
      .exec<{ state: string; lease_until: number }>(
        "SELECT state, lease_until FROM mail_sends WHERE key = ?",
        key,
      )
      .toArray()[0];
    if (row?.state === "sent") return "sent";
    if (row && row.lease_until > now) return "busy";
    this.#sql.exec(
      `INSERT INTO mail_sends (key, state, lease_until, forget_at) VALUES (?, 'sending', ?, ?)
       ON CONFLICT (key) DO UPDATE SET lease_until = excluded.lease_until, forget_at = excluded.forget_at`,
      key,
      now + LEASE_MS,
      now + LEASE_MS + KEEP_MS,
    );
    await this.#scheduleCleanup(now + LEASE_MS + KEEP_MS);
    return "claimed";
  }

  async markSent(key: string, now: number): Promise<void> {
    this.#sql.exec(
      "UPDATE mail_sends SET state = 'sent', forget_at = ? WHERE key = ?",
      now + KEEP_MS,
      key,
    );
  }

  async release(key: string): Promise<void> {
    this.#sql.exec("DELETE FROM mail_sends WHERE key = ? AND state = 'sending'", key);
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    this.#sql.exec("DELETE FROM mail_sends WHERE forget_at <= ?", now);
    const next = this.#sql
      .exec<{ at: number | null }>("SELECT MIN(forget_at) AS at FROM mail_sends")
      .one().at;
    if (next !== null) await this.ctx.storage.setAlarm(next);
  }

  async #scheduleCleanup(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}
