import type { MailRequestMessage } from "@authpi/domain/delivery-queue";
import { type MailRequest, queueMail } from "@authpi/domain/mail";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import { handleDeliveryBatch } from "../src/handle-deliveries.ts";
import { batchOf } from "./support/batch.ts";
import { receiver } from "./support/outside.ts";
import { captureQueue, testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;

/** What `queueMail` puts on the queue for one request of a fresh issuer. */
async function queued(overrides: Partial<MailRequest> = {}): Promise<MailRequestMessage> {
  const s = await seedIssuer(testEnv.DB, T0);
  const { queue, sent } = captureQueue();
  await queueMail(
    { DELIVERIES: queue, KEY_ENCRYPTION_SECRET: testEnv.KEY_ENCRYPTION_SECRET },
    {
      template: "sign-in-code",
      to: "Alice@Example.com",
      issuerId: s.issuer.id,
      locale: "en",
      values: { link: "https://idp.test/iss/email-sign-in?t=secret-link", code: "123456" },
      key: `sign-in:${crypto.randomUUID()}`,
      ...overrides,
    },
    T0,
  );
  return sent[0]?.body as MailRequestMessage;
}

async function deliver(messages: MailRequestMessage[], mailApi: string, now = T0) {
  const { queue, sent } = captureQueue();
  const { batch, result } = batchOf("authpi-deliveries", messages);
  const env = {
    ...testEnv,
    DELIVERIES: queue,
    WEBHOOK_RETRY_SCALE: "1",
    MAIL_TRANSPORT: "http",
    MAIL_HTTP_URL: mailApi,
  };
  await handleDeliveryBatch(batch, env, () => now);
  return { sent, result: await result() };
}

describe("mail requests through the queue", () => {
  it("seals the values on the queue: neither the link nor the code is readable there", async () => {
    const message = await queued();
    expect(message).toMatchObject({ mail: "request", template: "sign-in-code" });
    expect(message.to).toBe("alice@example.com");
    expect(JSON.stringify(message)).not.toContain("secret-link");
    expect(JSON.stringify(message)).not.toContain("123456");
  });

  it("sends the rendered email once, even when the same message is delivered twice", async () => {
    const api = receiver();
    const message = await queued();
    await deliver([message], api.url);
    const again = await deliver([message], api.url);
    expect(again.result.explicitAcks).toEqual(["m0"]);
    const mails = await api.received();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.headers["idempotency-key"]).toBe(message.key);
    const mail = JSON.parse(mails[0]?.body ?? "{}");
    expect(mail.to).toBe("alice@example.com");
    expect(mail.from).toBe('"test-issuer" <no-reply@localhost>');
    expect(mail.subject).toBe("Your test-issuer sign-in code");
    expect(mail.text).toContain("Sign in: https://idp.test/iss/email-sign-in?t=secret-link");
    expect(mail.text).toContain("123456");
    expect(mail.html).toContain("123456");
  });

  it("sends once when two copies arrive in one batch", async () => {
    const api = receiver();
    const message = await queued();
    const { sent } = await deliver([message, message], api.url);
    expect(await api.received()).toHaveLength(1);
    // The copy that found the key held waits for the lease, then finds it sent.
    expect(sent).toHaveLength(1);
    const later = sent[0]?.body as MailRequestMessage;
    await deliver([later], api.url, later.due_at ?? T0);
    expect(await api.received()).toHaveLength(1);
  });

  it("retries a failing mail API on the schedule and sends once it answers", async () => {
    const api = receiver();
    await api.script({ status: 503 });
    const message = await queued({ locale: "fr" });
    const first = await deliver([message], api.url);
    const retry = first.sent[0]?.body as MailRequestMessage;
    expect(retry).toMatchObject({ attempt: 2, key: message.key });
    expect(((retry.due_at ?? 0) - T0) / 1000).toBeGreaterThanOrEqual(4);
    const second = await deliver([retry], api.url, retry.due_at ?? T0);
    expect(second.sent).toEqual([]);
    const mails = await api.received();
    expect(mails).toHaveLength(2);
    expect(JSON.parse(mails[1]?.body ?? "{}").subject).toBe("Votre code de connexion test-issuer");
    await deliver([retry], api.url, retry.due_at ?? T0);
    expect(await api.received()).toHaveLength(2);
  });
});
