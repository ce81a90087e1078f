import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import type { SessionView } from "../oauth/issuer-store-contract.ts";

/**
 * One event row per session the store changed (its RETURNING list), so the audit trail and
 * webhooks see every session of a cascade, however many there are.
 */
export function sessionEventRows(
  ctx: MutationContext,
  issuerId: string,
  type: Extract<EventType, `session.${string}`>,
  sessions: readonly SessionView[],
  reason: string,
) {
  return sessions.map((session) =>
    buildEventRow(ctx, {
      type,
      issuerId,
      subject: { type: "session", id: session.id },
      data: {
        user_id: session.userId,
        type: session.type,
        status: session.status,
        reason,
        client_id: session.clientId,
        op_session_id: session.parentId,
      },
    }),
  );
}
