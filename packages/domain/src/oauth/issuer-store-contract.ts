import type { EmailTokenStore } from "../email-tokens/email-token-store.ts";
import type { PasskeyChallengeStore } from "../passkeys/relying-party.ts";
import type { EmailVerificationStore } from "../signup/verification-store.ts";
import type { ClaimsLookup } from "../tokens/claims-snapshot.ts";
import type { UserClaimsStore } from "../tokens/claims-store.ts";
import type { PersonalTokenStore } from "../tokens/personal-token-store.ts";
import type { RefreshGrant, RefreshRecord } from "../tokens/refresh-handle.ts";
import type { UpstreamAttemptStore } from "../upstream/attempt-store.ts";
import type { DeviceCodeStore } from "./device-code-store.ts";
import type { PushedRequestStore } from "./pushed-request-store.ts";

/**
 * The contract of the per-issuer Durable Object (session and authorization-code store).
 * The class lives in the IdP worker; other workers bind it by `script_name` and type their
 * stubs with this interface, so no worker imports another.
 */

/** What an authorization code stands for (RFC 6749 §4.1.2); stored only under its hash. */
export interface CodeGrant {
  clientId: string;
  userId: string;
  /** The op (SSO) session the code was issued from. */
  sessionId: string;
  redirectUri: string;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  authTime: number;
  resource: string[];
  orgId: string | null;
  /** How the user signed in (RFC 8176), for the ID token; absent on codes of older versions. */
  amr?: string[];
  /** The `acr` to assert, when the request asked with `acr_values` (OIDC Core §3.1.2.1). */
  acr?: string | null;
  /** RFC 9449 §10: the code is redeemed only with a DPoP proof of this key. */
  dpopJkt?: string;
}

export type ConsumeCodeResult =
  | { status: "ok"; grant: CodeGrant }
  /** A second use: the caller must revoke what the first use issued (RFC 9700 §4.2.4). */
  | { status: "replayed"; grant: CodeGrant }
  | { status: "invalid" };

export type SessionType = "op" | "rp";
export type SessionStatus = "active" | "suspended" | "revoked" | "expired";

/** A session as the store reports it; never the cookie secret. */
export interface SessionView {
  id: string;
  type: SessionType;
  parentId: string | null;
  userId: string;
  clientId: string | null;
  status: SessionStatus;
  authMethod: string | null;
  /** The factors of the sign-in behind an op session (RFC 8176 values). */
  amr: string[];
  authTime: number;
  createdAt: number;
  lastActiveAt: number;
  expiresAt: number;
  idleTimeoutMs: number;
  endedAt: number | null;
  endedReason: string | null;
  refreshCount: number;
  device: Record<string, unknown> | null;
}

export interface OpSessionInit {
  id: string;
  userId: string;
  authMethod: string;
  /** RFC 8176 values; a password sign-in is `["pwd"]` when left out. */
  amr?: string[];
  authTime: number;
  maxAgeMs: number;
  idleTimeoutMs: number;
  /** SHA-256 of the secret half of the session cookie. */
  secretHash: string;
  device: Record<string, unknown> | null;
}

/** The first refresh token of a new rp session, minted at the code exchange. */
export interface RpSessionInit {
  id: string;
  clientId: string;
  refreshJti: string;
  refreshExpiresAt: number;
  /** RFC 9449 §5: a public client's refresh family is bound to this DPoP key. */
  dpopJkt?: string | null;
}

/** A DPoP proof's replay record (RFC 9449 §11.1): its key, kept until the proof is stale. */
export interface DpopReplay {
  key: string;
  expiresAt: number;
}

export type RedeemCodeResult =
  | {
      status: "ok";
      grant: CodeGrant;
      session: SessionView;
      parent: SessionView;
      /** The user's claims snapshot, read in the same call. */
      claims: ClaimsLookup;
    }
  /** Replay: whatever the first redemption issued has just been revoked. */
  | { status: "replayed"; revokedSessionId: string | null }
  | { status: "invalid"; reason: "unknown" | "expired" | "client" | "session" }
  /** The DPoP proof's `jti` was seen before (RFC 9449 §11.1): nothing was spent. */
  | { status: "dpop_replayed" };

export type RotateRefreshResult =
  | {
      status: "ok";
      session: SessionView;
      parent: SessionView;
      claims: ClaimsLookup;
      /** What the family stands for; null only for a family older than refresh handles. */
      grant: RefreshGrant | null;
    }
  /** The requested `scope` is wider than the grant (RFC 6749 §6): nothing was rotated. */
  | { status: "invalid_scope" }
  /** A requested `resource` outside the grant (RFC 8707 §2.2): nothing was rotated. */
  | { status: "invalid_target" }
  /** A rotated token came back (RFC 9700 §4.14.2): its whole family is now revoked. */
  | { status: "replayed"; revokedSessionId: string }
  /** The DPoP proof's `jti` was seen before (RFC 9449 §11.1): nothing was rotated. */
  | { status: "dpop_replayed" }
  /** The family is bound to a DPoP key the request did not prove (RFC 9449 §5). */
  | { status: "dpop_mismatch" }
  | { status: "invalid" };

export interface LockView {
  failures: number;
  lockedUntil: number | null;
}

/** One failed sign-in to count under `key`, with the lock policy of that counter. */
export interface LoginFailure {
  key: string;
  maxFailures: number;
  lockMs: number;
}

export interface IssuerStoreRpc {
  saveCode(codeHash: string, grant: CodeGrant, expiresAt: number): Promise<void>;
  consumeCode(codeHash: string, now: number): Promise<ConsumeCodeResult>;
  /** Consumes a code and opens its rp session with the first refresh token, atomically. */
  redeemCode(
    codeHash: string,
    clientId: string,
    rp: RpSessionInit,
    now: number,
    dpop?: DpopReplay,
  ): Promise<RedeemCodeResult>;
  /**
   * Rotates a refresh token (single use); a replay revokes the family. `jti` is the presented
   * token's key (a handle's SHA-256, or a legacy JWT's `jti`); `scope`, when given, must lie
   * within the family's grant; `grant` files the grant of a legacy family that has none.
   */
  rotateRefresh(
    jti: string,
    clientId: string,
    next: RefreshSuccessor,
    now: number,
    dpop?: DpopReplay & { jkt: string },
  ): Promise<RotateRefreshResult>;
  /** A refresh handle's family and grant while it is current and its session tree live. */
  inspectRefresh(key: string, now: number): Promise<RefreshRecord | null>;
  /** Ends the family of a refresh token of this client (RFC 7009 §2.1). */
  revokeRefresh(jti: string, clientId: string, now: number): Promise<void>;
  /** Denies one access token until it expires. */
  revokeAccessToken(jti: string, expiresAt: number): Promise<void>;
  /** True when the session `sid` (and its parent) is live and the token was not revoked. */
  tokenActive(
    check: { sid: string | null; jti: string; kind: "access" | "refresh" },
    now: number,
  ): Promise<boolean>;
  /** {@link tokenActive} and, when active, the claims snapshot of `userId`, in one call. */
  activeTokenClaims(
    check: { sid: string | null; jti: string; kind: "access" | "refresh" },
    userId: string,
    now: number,
    dpop?: DpopReplay,
  ): Promise<{ active: false; dpopReplayed?: true } | { active: true; claims: ClaimsLookup }>;
  /** Records a DPoP proof's `jti` (RFC 9449 §11.1); false when it was seen before. */
  useDpopProof(replay: DpopReplay, now: number): Promise<boolean>;

  createOpSession(init: OpSessionInit, now: number): Promise<SessionView>;
  /** The live op session behind a cookie, touched; null when unknown, ended or expired. */
  findOpSession(id: string, secretHash: string, now: number): Promise<SessionView | null>;
  getSession(id: string, now: number): Promise<SessionView | null>;
  listSessions(filter: { userId?: string }, now: number): Promise<SessionView[]>;
  /** Ends the op session that `id` belongs to (itself or its parent) and every rp session of it. */
  endSessionTree(id: string, reason: string, now: number): Promise<SessionView[]>;
  /** Ends one session; an op session takes its rp sessions with it. */
  endSession(id: string, reason: string, now: number): Promise<SessionView[]>;
  /** Revokes every live session of a user (blocked or deleted): their tokens stop at once. */
  endUserSessions(userId: string, reason: string, now: number): Promise<SessionView[]>;
  /** Revokes a user's live rp sessions of one client (a consent withdrawn): its tokens stop. */
  endClientSessions(
    userId: string,
    clientId: string,
    reason: string,
    now: number,
  ): Promise<SessionView[]>;
  /** Suspends a live session tree, or reactivates a suspended one; returns what changed. */
  setSuspended(id: string, suspended: boolean, now: number): Promise<SessionView[]>;

  saveLoginRequest(id: string, payload: string, csrfHash: string, expiresAt: number): Promise<void>;
  loadLoginRequest(id: string, now: number): Promise<{ payload: string; csrfHash: string } | null>;
  deleteLoginRequest(id: string): Promise<void>;
  /** The lock state of each key (unlocked when never seen), read in one call. */
  loginLocks(keys: string[], now: number): Promise<Record<string, LockView>>;
  /** Counts one failure under each key atomically; returns the states in the same order. */
  recordLoginFailures(failures: LoginFailure[], now: number): Promise<LockView[]>;
  clearLoginFailures(key: string): Promise<void>;
}

/** The store also keeps personal tokens, passkey challenges, email verifications, emailed links, claims snapshots, pushed requests and device codes (declared with their aggregates). */
export interface IssuerStoreRpc
  extends PersonalTokenStore,
    UserClaimsStore,
    PasskeyChallengeStore,
    EmailVerificationStore,
    EmailTokenStore,
    UpstreamAttemptStore,
    PushedRequestStore,
    DeviceCodeStore {}

/**
 * The handle a rotation files, with what the request narrows: `scope` and `resource`, each
 * within the family's grant (RFC 6749 §6, RFC 8707 §2.2), and a legacy family's `grant`.
 */
export interface RefreshSuccessor {
  jti: string;
  expiresAt: number;
  scope?: string[] | null;
  resource?: string[] | null;
  grant?: RefreshGrant;
}

/**
 * The IssuerStore Durable Object as a namespace binding sees it (`DurableObjectNamespace<
 * IssuerStoreObject>`), for workers that bind the class by `script_name` and cannot import it.
 */
export type IssuerStoreObject = IssuerStoreRpc & Rpc.DurableObjectBranded;

/** Most names an isolate keeps the object ids of; past it the memo starts again. */
const MAX_REMEMBERED_IDS = 10_000;

/** Object ids by name, per namespace: an id is a hash of its name, the same for every request. */
const rememberedIds = new WeakMap<object, Map<string, DurableObjectId>>();

/**
 * The one place that names an issuer's objects: shard 0 is the issuer's original object (its
 * name is the issuer id, so data stored before sharding stays reachable), shard n is `{id}#n`.
 * `idFromName` hashes the name on every call (a few per cent of a userinfo's isolate time), so
 * each isolate remembers the ids it derived; an id carries no request's I/O, unlike a stub.
 */
export function issuerStoreId(
  namespace: { idFromName(name: string): DurableObjectId },
  issuerId: string,
  shard = 0,
): DurableObjectId {
  const name = shard === 0 ? issuerId : `${issuerId}#${shard}`;
  let ids = rememberedIds.get(namespace);
  if (!ids) {
    ids = new Map();
    rememberedIds.set(namespace, ids);
  }
  let id = ids.get(name);
  if (id === undefined) {
    if (ids.size >= MAX_REMEMBERED_IDS) ids.clear();
    id = namespace.idFromName(name);
    ids.set(name, id);
  }
  return id;
}
