import type { SessionView } from "../oauth/issuer-store-contract.ts";

/** A session in AuthPI's `PublicSession` shape; never the cookie secret or token values. */
export function sessionToWire(view: SessionView, issuerId: string) {
  return {
    id: view.id,
    user_id: view.userId,
    issuer_id: issuerId,
    type: view.type,
    status: view.status,
    status_at: view.endedAt,
    status_reason: view.endedReason,
    authentication: { method: view.authMethod, authenticated_at: view.authTime },
    op_session_id: view.parentId,
    device: view.device,
    ttl: Math.max(0, Math.round((view.expiresAt - view.createdAt) / 1000)),
    idle_timeout: Math.round(view.idleTimeoutMs / 1000),
    last_activity_at: view.lastActiveAt,
    refresh_count: view.refreshCount,
    revoked_reason: view.status === "revoked" ? view.endedReason : null,
    client: view.clientId ? { id: view.clientId } : null,
    created_at: view.createdAt,
    updated_at: view.endedAt ?? view.lastActiveAt,
    expires_at: view.expiresAt,
    revoked_at: view.status === "revoked" ? view.endedAt : null,
  };
}
export type SessionWire = ReturnType<typeof sessionToWire>;
