import { sha256Hex } from "@authpi/domain/crypto";
import { queueMail } from "@authpi/domain/mail";
import type { Context } from "hono";
import { languageOf } from "../middleware/page-locale.ts";
import type { PageEnv } from "./contract.ts";

/** The link of a verification email: `{issuer_url}/verify-email?token=…`. */
export function verificationLink(issuerUrl: string, token: string): string {
  return `${issuerUrl}/verify-email?token=${encodeURIComponent(token)}`;
}

/** Queues the `email-verification` email (link and code), once per issued token. */
export async function mailVerification(
  c: Context<PageEnv>,
  to: string,
  secrets: { token: string; code: string },
  now: number,
): Promise<void> {
  const key = `email-verification:${await sha256Hex(secrets.token)}`;
  await queueMail(
    c.env,
    {
      template: "email-verification",
      to,
      issuerId: c.get("issuer").id,
      locale: languageOf(c).locale,
      values: { link: verificationLink(c.get("issuerUrl"), secrets.token), code: secrets.code },
      key,
    },
    now,
  );
}
