import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { DeliveryMessage } from "@authpi/domain/delivery-queue";
import { type MailRequest, queueMail } from "@authpi/domain/mail";
import PostalMime from "postal-mime";
import { afterAll, describe, expect, it, vi } from "vitest";
import { Receiver } from "./support/receiver.ts";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

/** Queues a mail request through the IdP worker's own DELIVERIES producer binding. */
async function queueFromIdp(system: SeededSystem, request: Partial<MailRequest> = {}) {
  const queue = await system.mf.getQueueProducer<DeliveryMessage>("DELIVERIES", "authpi-idp-api");
  const env = { DELIVERIES: queue, KEY_ENCRYPTION_SECRET: system.secrets.KEY_ENCRYPTION_SECRET };
  const full: MailRequest = {
    template: "password-reset",
    to: "demo@example.com",
    issuerId: system.seed.issuer_id,
    locale: "fr",
    values: { link: `${system.idpUrl}/${system.seed.issuer_id}/reset-password?token=abc` },
    key: `reset:${crypto.randomUUID()}`,
    ...request,
  };
  await queueMail(env, full, Date.now());
  return full;
}

const systems: SeededSystem[] = [];
afterAll(async () => {
  await Promise.all(systems.map((s) => s.stop()));
});

describe("mail requests queued on the IdP side", () => {
  it("arrive at the http mail API, rendered in the request's language", async () => {
    const api = await new Receiver().start();
    try {
      const system = await startSeededSystem({
        MAIL_TRANSPORT: "http",
        MAIL_HTTP_URL: api.url,
        MAIL_FROM: "AuthPI <no-reply@acme.test>",
      });
      systems.push(system);
      const request = await queueFromIdp(system);
      await vi.waitFor(() => expect(api.received).toHaveLength(1), {
        timeout: 20_000,
        interval: 200,
      });
      const [received] = api.received;
      expect(received?.headers["idempotency-key"]).toBe(`${request.issuerId}/${request.key}`);
      const mail = JSON.parse(received?.body ?? "{}");
      expect(mail).toMatchObject({
        from: '"demo" <no-reply@acme.test>',
        to: "demo@example.com",
        subject: "Réinitialisez votre mot de passe demo",
      });
      expect(mail.text).toContain(`Choisir un nouveau mot de passe: ${request.values.link}`);
      expect(mail.html).toContain(`href="${request.values.link}"`);
    } finally {
      await api.stop();
    }
  });

  it("are kept as parseable .eml files by the log transport (pnpm dev's default)", async () => {
    const system = await startSeededSystem({}, { keepMail: true });
    systems.push(system);
    const dir = system.mailDir as string;
    const request = await queueFromIdp(system, {
      template: "sign-in-code",
      locale: "en",
      values: {
        link: `${system.idpUrl}/${system.seed.issuer_id}/email-sign-in?t=xyz`,
        code: "424242",
      },
    });
    const files = await vi.waitFor(
      async () => {
        const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith(".eml"));
        expect(names).toHaveLength(1);
        return names;
      },
      { timeout: 20_000, interval: 200 },
    );
    const raw = await readFile(path.join(dir, files[0] as string), "utf8");
    const mail = await PostalMime.parse(raw);
    expect(mail.from).toEqual({ address: "no-reply@localhost", name: "demo" });
    expect(mail.to).toEqual([{ address: "demo@example.com", name: "" }]);
    expect(mail.subject).toBe("Your demo sign-in code");
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@localhost>$/);
    expect(mail.text).toContain(`Sign in: ${request.values.link}`);
    expect(mail.text).toContain("424242");
    expect(mail.html).toContain("424242");
  });
});
