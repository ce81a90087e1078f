import type { MailRequestMessage } from "@authpi/domain/delivery-queue";
import { queueMail } from "@authpi/domain/mail";
import { seedIssuer } from "@authpi/testkit/factories";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { handleDeliveryBatch } from "../src/handle-deliveries.ts";
import { batchOf } from "./support/batch.ts";
import { captureQueue, testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;

/**
 * A stand-in for Cloudflare's `send_email` binding: keeps what it was handed, or fails.
 */
function fakeEmailBinding(fail = false) {
  const sent: EmailMessage[] = [];
  const binding = {
    async send(message: EmailMessage) {
      if (fail) throw new Error("email routing refused it");
      sent.push(message);
    },
  };
  return { binding: binding as unknown as SendEmail, sent };
}

async function queued(): Promise<MailRequestMessage> {
  const s = await seedIssuer(testEnv.DB, T0);
  const { queue, sent } = captureQueue();
  await queueMail(
    { DELIVERIES: queue, KEY_ENCRYPTION_SECRET: testEnv.KEY_ENCRYPTION_SECRET },
    {
      template: "email-verification",
      to: "bob@example.com",
      issuerId: s.issuer.id,
      locale: "de",
      values: { link: "https://idp.test/verify?t=abc", code: "987654", name: "Bob" },
      key: `verify:${crypto.randomUUID()}`,
    },
    T0,
  );
  return sent[0]?.body as MailRequestMessage;
}

async function deliver(message: MailRequestMessage, email: SendEmail) {
  const { queue, sent } = captureQueue();
  const { batch, result } = batchOf("authpi-deliveries", [message]);
  const env = {
    ...testEnv,
    DELIVERIES: queue,
    MAIL_TRANSPORT: "send_email",
    MAIL_FROM: "AuthPI <auth@acme.test>",
    EMAIL: email,
  };
  await handleDeliveryBatch(batch, env, () => T0);
  return { sent, result: await result() };
}

describe("the send_email transport (Cloudflare Email)", () => {
  it("hands the binding one EmailMessage per request, from the address of MAIL_FROM", async () => {
    const email = fakeEmailBinding();
    const message = await queued();
    await deliver(message, email.binding);
    await deliver(message, email.binding);
    expect(email.sent).toHaveLength(1);
    const [mail] = email.sent;
    expect(mail?.from).toBe("auth@acme.test");
    expect(mail?.to).toBe("bob@example.com");
    // The pool's EmailMessage (Miniflare) keeps the raw MIME under this key.
    const raw = await new Response(
      (mail as unknown as Record<string, ReadableStream | string>)["EmailMessage::raw"],
    ).text();
    const parsed = await PostalMime.parse(raw);
    expect(parsed.from).toEqual({ address: "auth@acme.test", name: "test-issuer" });
    expect(parsed.subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse für test-issuer");
    expect(parsed.text).toContain("987654");
  });

  it("retries when the binding throws", async () => {
    const message = await queued();
    const { sent } = await deliver(message, fakeEmailBinding(true).binding);
    expect(sent[0]?.body).toMatchObject({ attempt: 2, key: message.key });
  });
});
