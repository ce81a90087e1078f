import { queueMail } from "@authpi/domain/mail";
import type { Context } from "hono";
import { languageOf } from "../middleware/page-locale.ts";
import type { PageEnv } from "./contract.ts";

/** An email of a hosted journey: the mail contract's `MailRequest` without what the page knows. */
export interface JourneyMail {
  template: "password-reset" | "sign-in-code" | "email-change";
  to: string;
  values: Record<string, string>;
  /** One request, at most one email. */
  key: string;
}

/**
 * Queues the email after the response (`waitUntil`), so the answer takes as long whether or
 * not an email goes out: the enumeration-safe pages depend on it.
 */
export function sendJourneyMail(c: Context<PageEnv>, mail: JourneyMail): void {
  const request = { ...mail, issuerId: c.get("issuer").id, locale: languageOf(c).locale };
  c.executionCtx.waitUntil(
    queueMail(c.env, request, c.get("now")).catch((error: unknown) => {
      console.error("mail not queued", c.get("requestId"), mail.template, error);
    }),
  );
}
