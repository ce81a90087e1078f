import type { MailLedger } from "@authpi/domain/mail";
import type { Env } from "./env.ts";

/** The one place that names a ledger object: one per issuer, so sharding is a one-line change. */
export function mailLedger(env: Env, issuerId: string): MailLedger {
  return env.MAIL_LEDGER.get(env.MAIL_LEDGER.idFromName(issuerId));
}
