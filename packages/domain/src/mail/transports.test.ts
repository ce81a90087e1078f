import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import type { MailConfig, MailMessage } from "./mailer.ts";
import { renderMail } from "./render-mail.ts";
import { logMailer, sendEmailMailer } from "./transports.ts";

const T0 = 1_900_000_000_000;
const config: MailConfig = { transport: "send_email", from: "AuthPI <auth@acme.test>" };
const brand = { name: "Acme Zürich", logoUrl: null, primaryColor: "#1d4ed8", links: [] };

function message(): MailMessage {
  const values = { link: "https://idp.test/verify?t=abc", code: "987654", name: "Zoë" };
  const rendered = renderMail("email-verification", values, brand, "fr");
  return { to: "bob@example.com", fromName: brand.name, key: "verify:1", ...rendered };
}

function capture() {
  const sent: { from: string; to: string; raw: string }[] = [];
  return {
    sent,
    sendRaw: async (from: string, to: string, raw: string) => void sent.push({ from, to, raw }),
  };
}

describe("raw MIME transports (send_email, the log outbox)", () => {
  it("build an RFC 5322 multipart/alternative message a mail parser reads back", async () => {
    const { sent, sendRaw } = capture();
    await sendEmailMailer(config, sendRaw, T0).send(message());
    const [mail] = sent;
    expect(mail).toMatchObject({ from: "auth@acme.test", to: "bob@example.com" });
    const raw = mail?.raw ?? "";
    expect(raw).toMatch(/^MIME-Version: 1\.0\r$/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative; boundary=/m);
    expect(raw.split("\r\n").every((line) => line.length <= 998)).toBe(true);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.from).toEqual({ address: "auth@acme.test", name: "Acme Zürich" });
    expect(parsed.to).toEqual([{ address: "bob@example.com", name: "" }]);
    expect(parsed.subject).toBe("Vérifiez votre adresse e-mail pour Acme Zürich");
    expect(parsed.date).toBe(new Date(T0).toISOString());
    expect(parsed.messageId).toMatch(/^<[0-9a-f]{32}@acme\.test>$/);
    expect(parsed.text).toContain("Bonjour Zoë,");
    expect(parsed.text).toContain("987654");
    expect(parsed.html).toContain('href="https://idp.test/verify?t=abc"');
  });

  it("give one request one Message-ID", async () => {
    const { sent, sendRaw } = capture();
    const mailer = logMailer(config, () => {}, T0, sendRaw);
    await mailer.send(message());
    await mailer.send(message());
    await mailer.send({ ...message(), key: "verify:2" });
    const ids = await Promise.all(sent.map(async (m) => (await PostalMime.parse(m.raw)).messageId));
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it("log prints subject, recipient and the text part when there is no outbox", async () => {
    const lines: string[] = [];
    await logMailer(config, (line) => lines.push(line), T0).send(message());
    expect(lines[0]).toContain("[mail] to bob@example.com: Vérifiez votre adresse e-mail");
    expect(lines[0]).toContain("987654");
  });
});
