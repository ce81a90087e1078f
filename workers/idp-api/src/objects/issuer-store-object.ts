import { DurableObject } from "cloudflare:workers";
import { timingSafeEqual } from "@authpi/domain/crypto";
import { createDb } from "@authpi/domain/db";
import type {
  EmailTokenPurpose,
  EmailTokenRecord,
  RateBucket,
  RateDecision,
} from "@authpi/domain/email-tokens";
import type {
  CodeGrant,
  ConsumeCodeResult,
  DeviceCodeRecord,
  DeviceDecision,
  DpopReplay,
  IssuerStoreRpc,
  LockView,
  LoginFailure,
  OpSessionInit,
  RedeemCodeResult,
  RotateRefreshResult,
  RpSessionInit,
  SessionView,
} from "@authpi/domain/oauth";
import type { PasskeyChallenge } from "@authpi/domain/passkeys";
import { issuerOfStoreName, recordSessionExpiries } from "@authpi/domain/sessions";
import type { EmailVerificationRecord } from "@authpi/domain/signup";
import type {
  ClaimsLookup,
  ClaimsSnapshot,
  CreatePersonalTokenResult,
  PersonalTokenQuery,
  PersonalTokenRecord,
  RefreshGrant,
  RefreshRecord,
} from "@authpi/domain/tokens";
import type { Env } from "../env.ts";
import { consumeCode, saveCode } from "./codes.ts";
import * as devices from "./device-codes.ts";
import { useDpopProof } from "./dpop-proofs.ts";
import * as mailed from "./email-tokens.ts";
import * as verifications from "./email-verifications.ts";
import * as login from "./login-state.ts";
import * as passkeys from "./passkey-challenges.ts";
import * as pats from "./personal-tokens.ts";
import * as pushed from "./pushed-requests.ts";
import * as refresh from "./refresh-families.ts";
import * as sessions from "./sessions.ts";
import { cleanUp, migrateStore } from "./store-schema.ts";
import * as upstream from "./upstream-attempts.ts";
import * as claims from "./user-claims.ts";

const CLEANUP_EVERY_MS = 60 * 60_000;
/** Consumed codes are kept this long past expiry so a late replay is still recognised. */
const REPLAY_MEMORY_MS = 10 * 60_000;

/**
 * The per-issuer store: authorization codes, sessions, refresh-token families and login state.
 * Each method runs its reads and writes without an `await` between them, so single use and
 * rotation are enforced by the object's single-threaded execution. Logic lives in the modules.
 */
export class IssuerStore extends DurableObject<Env> implements IssuerStoreRpc {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => migrateStore(this.#sql));
  }

  async saveCode(codeHash: string, grant: CodeGrant, expiresAt: number): Promise<void> {
    saveCode(this.#sql, codeHash, grant, expiresAt);
    await this.#scheduleCleanup(expiresAt + REPLAY_MEMORY_MS);
  }

  async consumeCode(codeHash: string, now: number): Promise<ConsumeCodeResult> {
    const result = consumeCode(this.#sql, codeHash, now);
    if (result.status === "invalid") return { status: "invalid" };
    return { status: result.status, grant: result.grant };
  }

  async redeemCode(
    codeHash: string,
    clientId: string,
    rp: RpSessionInit,
    now: number,
    dpop?: DpopReplay,
  ): Promise<RedeemCodeResult> {
    const result = refresh.redeemCode(this.#sql, codeHash, clientId, rp, now, dpop);
    if (dpop) await this.#scheduleCleanup();
    return result;
  }

  async rotateRefresh(
    jti: string,
    clientId: string,
    next: { jti: string; expiresAt: number; scope?: string[] | null; grant?: RefreshGrant },
    now: number,
    dpop?: DpopReplay & { jkt: string },
  ): Promise<RotateRefreshResult> {
    const result = refresh.rotateRefresh(this.#sql, jti, clientId, next, now, dpop);
    if (dpop) await this.#scheduleCleanup();
    return result;
  }

  async inspectRefresh(key: string, now: number): Promise<RefreshRecord | null> {
    return refresh.inspectRefresh(this.#sql, key, now);
  }

  async revokeRefresh(jti: string, clientId: string, now: number): Promise<void> {
    refresh.revokeRefresh(this.#sql, jti, clientId, now);
  }

  async revokeAccessToken(jti: string, expiresAt: number): Promise<void> {
    refresh.revokeAccessToken(this.#sql, jti, expiresAt);
  }

  async tokenActive(
    check: { sid: string | null; jti: string; kind: "access" | "refresh" },
    now: number,
  ): Promise<boolean> {
    return refresh.tokenActive(this.#sql, check, now);
  }

  async activeTokenClaims(
    check: { sid: string | null; jti: string; kind: "access" | "refresh" },
    userId: string,
    now: number,
    dpop?: DpopReplay,
  ): Promise<{ active: false; dpopReplayed?: true } | { active: true; claims: ClaimsLookup }> {
    if (dpop && !useDpopProof(this.#sql, dpop, now)) return { active: false, dpopReplayed: true };
    const found = refresh.activeTokenClaims(this.#sql, check, userId, now);
    return found ? { active: true, claims: found } : { active: false };
  }

  async beginUserWrite(userIds: string[], now: number): Promise<void> {
    claims.beginUserWrite(this.#sql, userIds, now);
    await this.#scheduleCleanup();
  }

  async endUserWrite(userIds: string[], now: number): Promise<void> {
    claims.endUserWrite(this.#sql, userIds, now);
  }

  async fillUserClaims(
    userId: string,
    clock: number,
    snapshot: ClaimsSnapshot,
    now: number,
  ): Promise<boolean> {
    return claims.fillUserClaims(this.#sql, userId, clock, snapshot, now);
  }

  async useDpopProof(replay: DpopReplay, now: number): Promise<boolean> {
    const fresh = useDpopProof(this.#sql, replay, now);
    await this.#scheduleCleanup();
    return fresh;
  }

  async createOpSession(init: OpSessionInit, now: number): Promise<SessionView> {
    const row = sessions.createOpSession(this.#sql, init, now);
    // The alarm ends the session when its idle or absolute limit passes (issue 18 §3).
    await this.#scheduleCleanup(Math.min(row.expires_at, row.last_active_at + row.idle_timeout_ms));
    return sessions.toView(row, now);
  }

  async findOpSession(id: string, secretHash: string, now: number): Promise<SessionView | null> {
    const row = sessions.readSession(this.#sql, id);
    if (!sessions.isLive(row, now) || row.type !== "op" || !row.cookie_secret_hash) return null;
    if (!timingSafeEqual(row.cookie_secret_hash, secretHash)) return null;
    sessions.touch(this.#sql, [row.id], now);
    return sessions.toView({ ...row, last_active_at: now }, now);
  }

  async getSession(id: string, now: number): Promise<SessionView | null> {
    const row = sessions.readSession(this.#sql, id);
    return row ? sessions.toView(row, now) : null;
  }

  async listSessions(filter: { userId?: string }, now: number): Promise<SessionView[]> {
    return sessions.listSessions(this.#sql, filter).map((row) => sessions.toView(row, now));
  }

  async endSessionTree(id: string, reason: string, now: number): Promise<SessionView[]> {
    const row = sessions.readSession(this.#sql, id);
    if (!row) return [];
    const root = row.parent_id ?? row.id;
    return sessions
      .endTree(this.#sql, root, "revoked", reason, now)
      .map((r) => sessions.toView(r, now));
  }

  async endSession(id: string, reason: string, now: number): Promise<SessionView[]> {
    return sessions
      .endTree(this.#sql, id, "revoked", reason, now)
      .map((r) => sessions.toView(r, now));
  }

  async endUserSessions(userId: string, reason: string, now: number): Promise<SessionView[]> {
    return sessions
      .endUserSessions(this.#sql, userId, reason, now)
      .map((r) => sessions.toView(r, now));
  }

  async endClientSessions(
    userId: string,
    clientId: string,
    reason: string,
    now: number,
  ): Promise<SessionView[]> {
    return sessions
      .endClientSessions(this.#sql, userId, clientId, reason, now)
      .map((r) => sessions.toView(r, now));
  }

  async setSuspended(id: string, suspended: boolean, now: number): Promise<SessionView[]> {
    return sessions.setSuspended(this.#sql, id, suspended, now).map((r) => sessions.toView(r, now));
  }

  async saveLoginRequest(
    id: string,
    payload: string,
    csrfHash: string,
    expiresAt: number,
  ): Promise<void> {
    login.saveLoginRequest(this.#sql, id, payload, csrfHash, expiresAt);
    await this.#scheduleCleanup();
  }

  async loadLoginRequest(id: string, now: number) {
    return login.loadLoginRequest(this.#sql, id, now);
  }

  async deleteLoginRequest(id: string): Promise<void> {
    this.#sql.exec("DELETE FROM login_requests WHERE id = ?", id);
  }

  async loginLocks(keys: string[], _now: number): Promise<Record<string, LockView>> {
    return login.loginLocks(this.#sql, keys);
  }

  async recordLoginFailures(failures: LoginFailure[], now: number): Promise<LockView[]> {
    return login.recordLoginFailures(this.#sql, failures, now);
  }

  async clearLoginFailures(key: string): Promise<void> {
    this.#sql.exec("DELETE FROM login_failures WHERE credential = ?", key);
  }

  async savePasskeyChallenge(
    challenge: string,
    binding: PasskeyChallenge,
    expiresAt: number,
  ): Promise<void> {
    passkeys.savePasskeyChallenge(this.#sql, challenge, binding, expiresAt);
    await this.#scheduleCleanup(expiresAt);
  }

  async consumePasskeyChallenge(challenge: string, now: number): Promise<PasskeyChallenge | null> {
    return passkeys.consumePasskeyChallenge(this.#sql, challenge, now);
  }

  async createPersonalToken(
    record: PersonalTokenRecord,
    max: number,
    now: number,
  ): Promise<CreatePersonalTokenResult> {
    const result = pats.createPersonalToken(this.#sql, record, max, now);
    await this.#scheduleCleanup();
    return result;
  }

  async listPersonalTokens(query: PersonalTokenQuery, now: number) {
    return pats.listPersonalTokens(this.#sql, query, now);
  }

  async getPersonalToken(id: string) {
    return pats.getPersonalToken(this.#sql, id);
  }

  async findPersonalTokenByJti(jti: string) {
    return pats.findPersonalTokenByJti(this.#sql, jti);
  }

  async revokePersonalToken(
    id: string,
    change: { reason: string | null; by: string },
    now: number,
  ) {
    return pats.revokePersonalToken(this.#sql, id, change, now);
  }

  async deletePersonalToken(id: string) {
    return pats.deletePersonalToken(this.#sql, id);
  }

  async issueEmailVerification(record: EmailVerificationRecord, now: number) {
    const result = verifications.issueEmailVerification(this.#sql, record, now);
    await this.#scheduleCleanup(record.expiresAt);
    return result;
  }

  async consumeEmailVerificationLink(tokenHash: string, now: number) {
    return verifications.consumeLink(this.#sql, tokenHash, now);
  }

  async consumeEmailVerificationCode(userId: string, codeDigest: string, now: number) {
    return verifications.consumeCode(this.#sql, userId, codeDigest, now);
  }

  async saveEmailToken(tokenHash: string, record: EmailTokenRecord): Promise<void> {
    mailed.saveEmailToken(this.#sql, tokenHash, record);
    await this.#scheduleCleanup(record.expiresAt);
  }

  async peekEmailToken(tokenHash: string, now: number): Promise<EmailTokenRecord | null> {
    return mailed.peekEmailToken(this.#sql, tokenHash, now);
  }

  async consumeEmailToken(tokenHash: string, purpose: EmailTokenPurpose, now: number) {
    return mailed.consumeEmailToken(this.#sql, tokenHash, purpose, now);
  }

  async consumeEmailCode(tokenHash: string, codeHash: string, now: number) {
    return mailed.consumeEmailCode(this.#sql, tokenHash, codeHash, now);
  }

  async takeRateLimit(buckets: RateBucket[], now: number): Promise<RateDecision> {
    const decision = mailed.takeRateLimit(this.#sql, buckets, now);
    await this.#scheduleCleanup();
    return decision;
  }

  async saveUpstreamAttempt(stateHash: string, payload: string, expiresAt: number) {
    upstream.saveUpstreamAttempt(this.#sql, stateHash, payload, expiresAt);
    await this.#scheduleCleanup(expiresAt);
  }

  async consumeUpstreamAttempt(stateHash: string, now: number) {
    return upstream.consumeUpstreamAttempt(this.#sql, stateHash, now);
  }

  async savePushedRequest(uriHash: string, clientId: string, payload: string, expiresAt: number) {
    pushed.savePushedRequest(this.#sql, uriHash, clientId, payload, expiresAt);
    await this.#scheduleCleanup(expiresAt);
  }

  async consumePushedRequest(uriHash: string, clientId: string, now: number) {
    return pushed.consumePushedRequest(this.#sql, uriHash, clientId, now);
  }

  async saveDeviceCode(record: DeviceCodeRecord, now: number) {
    const saved = devices.saveDeviceCode(this.#sql, record, now);
    if (saved) await this.#scheduleCleanup(record.expiresAt);
    return saved;
  }

  async findDeviceCode(userCodeHash: string, now: number) {
    return devices.findDeviceCode(this.#sql, userCodeHash, now);
  }

  async decideDeviceCode(deviceHash: string, decision: DeviceDecision, now: number) {
    return devices.decideDeviceCode(this.#sql, deviceHash, decision, now);
  }

  async pollDeviceCode(deviceHash: string, clientId: string, now: number) {
    return devices.pollDeviceCode(this.#sql, deviceHash, clientId, now);
  }

  /**
   * Ends the sessions whose absolute or idle limit has passed (issue 18 §3), with a
   * `session.expired` event each, then cleans up; runs again at the next lapse or cleanup.
   * The events are written before the sessions change, so a failed write retries the alarm
   * (at least once: a crash between the two may repeat an event).
   */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const lapsed = sessions.lapsedSessions(this.#sql, now);
    const issuerId = issuerOfStoreName(this.ctx.id.name);
    if (lapsed.length > 0 && issuerId) {
      const expired = lapsed.map((row) => ({
        session: { ...sessions.toView(row, now), status: "expired" as const },
        reason: sessions.expiryReason(row, now),
      }));
      await recordSessionExpiries(createDb(this.env.DB), issuerId, expired, now);
    }
    sessions.markExpired(this.#sql, lapsed, now);
    const due = [cleanUp(this.#sql, now, REPLAY_MEMORY_MS), sessions.nextLapse(this.#sql)].filter(
      (at): at is number => at !== null,
    );
    if (due.length === 0) return;
    const next = Math.min(...due, now + CLEANUP_EVERY_MS);
    await this.ctx.storage.setAlarm(Math.max(now + 1000, next));
  }

  async #scheduleCleanup(at = Date.now() + CLEANUP_EVERY_MS): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}
