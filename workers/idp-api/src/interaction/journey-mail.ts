import type { Context } from "hono";
import type { PageEnv } from "./contract.ts";

/** An email of a hosted journey, as the mail contract's `MailRequest` names its fields. */
export interface JourneyMail {
  template: "password-reset" | "sign-in-code";
  to: string;
  values: Record<string, string>;
  /** One request, at most one email. */
  key: string;
}

/**
 * Hands the email over after the response, so the answer takes as long whether or not an
 * email goes out (the enumeration-safe pages depend on it).
 */
export function sendJourneyMail(c: Context<PageEnv>, mail: JourneyMail): void {
  c.executionCtx.waitUntil(
    Promise.resolve().then(() => {
      console.log(`[mail] ${mail.template} to ${mail.to} (${mail.key})`);
    }),
  );
}
