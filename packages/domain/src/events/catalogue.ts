/**
 * Event types. AuthPI's names where it has them (the `authpi-admin` SDK's `WebhookEventType`),
 * ours in the same style where it has none.
 */
export const EVENT_TYPES = [
  "account.created",
  "account.updated",
  "api-key.created",
  "api-key.updated",
  "api-key.deleted",
  "api-key.blocked",
  "api-key.unblocked",
  "api-key.rotated",
  "api-key.revoked",
  "issuer.created",
  "issuer.updated",
  "issuer.deleted",
  "client.created",
  "client.updated",
  "client.deleted",
  "client.secret.rotated",
  "user.created",
  "user.updated",
  "user.deleted",
  "user.blocked",
  "user.unblocked",
  "user.verification.succeeded",
  "user.verification.failed",
  "user.locked",
  "user.password.changed",
  "user.verifier.created",
  "user.verifier.updated",
  "user.verifier.deleted",
  "user.personal-token.created",
  "user.personal-token.updated",
  "user.personal-token.deleted",
  "session.created",
  "session.updated",
  "session.terminated",
  "session.expired",
  "session.compromised",
  "session.token-refreshed",
  "machine.token.issued",
  "organization.created",
  "organization.updated",
  "organization.deleted",
  "organization.suspended",
  "organization.reactivated",
  "organization.membership.created",
  "organization.membership.updated",
  "organization.membership.deleted",
  "organization.invitation.created",
  "organization.invitation.accepted",
  "organization.invitation.declined",
  "organization.invitation.deleted",
  "organization.invitation.updated",
  "organization.invitation.resent",
  "agent.created",
  "agent.updated",
  "agent.deleted",
  "agent.verifier.added",
  "agent.verifier.removed",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.paused",
  "webhook.resumed",
  "webhook.disabled",
  "webhook.secret.rotated",
  "webhook.test",
  "auth.flow.rate-limited",
  "auth.flow.replay-attempt",
  "signing-key.rotated",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

const KNOWN: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isEventType(value: string): value is EventType {
  return KNOWN.has(value);
}

/** True when a subscription pattern (`user.created`, `user.*`, `*`) covers `type`. */
export function eventTypeMatches(pattern: string, type: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}
