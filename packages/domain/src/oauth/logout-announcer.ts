import type { Db } from "../db/client.ts";
import type { DeliveryQueue } from "../delivery-queue/enqueue-delivery.ts";
import { enqueueDelivery } from "../delivery-queue/enqueue-delivery.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { backChannelLogoutMessages } from "./back-channel-logout.ts";
import type { IssuerStoreRpc, SessionView } from "./issuer-store-contract.ts";
import { loggedOutParties } from "./logout-parties.ts";

/** What telling relying parties about ended sessions needs (OIDC Back-Channel Logout 1.0). */
export interface LogoutAnnouncer {
  db: Db;
  issuerId: string;
  issuerUrl: string;
  ring(now: number): Promise<KeyRing>;
  queue: DeliveryQueue;
}

/** The store calls that end sessions; each returns the sessions it ended. */
const ENDING = new Set(["endSession", "endSessionTree", "endUserSessions", "endClientSessions"]);
/** A session refused at its own code exchange was never the RP's: nothing to tell. */
const QUIET_REASONS = new Set(["grant_refused"]);

/**
 * Queues one logout token per ended rp session whose client registered a
 * `backchannel_logout_uri`; the dispatcher delivers them with retries (§2.5, §2.7). One D1 read
 * of the clients, and only when rp sessions ended.
 */
export async function announceLogouts(
  a: LogoutAnnouncer,
  ended: readonly SessionView[],
  now: number,
): Promise<void> {
  if (!ended.some((s) => s.type === "rp")) return;
  const parties = await loggedOutParties(a.db, a.issuerId, ended);
  if (!parties.some((p) => p.settings.backchannel_logout_uri)) return;
  const ring = await a.ring(now);
  const messages = await backChannelLogoutMessages(
    { ring, issuerId: a.issuerId, issuerUrl: a.issuerUrl, now },
    parties,
  );
  await enqueueDelivery(a.queue, messages);
}

/**
 * The store, with every call that ends sessions also announcing them to the relying parties:
 * logout, a session revoked through the Core API or the portal, a user blocked or deleted, a
 * password reset, a consent withdrawn. A failure to queue is logged and never fails the call
 * that ended the sessions (they are ended either way).
 */
export function announcingLogouts(store: IssuerStoreRpc, a: LogoutAnnouncer): IssuerStoreRpc {
  return new Proxy(store, {
    get(target, name) {
      const value = Reflect.get(target, name);
      if (typeof name !== "string" || !ENDING.has(name) || typeof value !== "function") {
        return value;
      }
      return async (...args: unknown[]) => {
        const ended = (await Reflect.apply(value, target, args)) as SessionView[];
        const reason = String(args[args.length - 2]);
        const now = Number(args[args.length - 1]);
        if (!QUIET_REASONS.has(reason)) {
          await announceLogouts(a, ended, now).catch((error: unknown) => {
            console.error("back-channel logout not queued", a.issuerId, error);
          });
        }
        return ended;
      };
    },
  });
}
