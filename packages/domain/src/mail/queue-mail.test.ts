import { describe, expect, it } from "vitest";
import { open } from "../crypto/sealed-box.ts";
import type { DeliveryMessage } from "../delivery-queue/delivery-message.ts";
import type { MailRequest } from "./mail-request.ts";
import { MailError } from "./mailer.ts";
import { MAIL_VALUES_PURPOSE, queueMail } from "./queue-mail.ts";

const SECRET = "test-secret-0123456789abcdef";
const T0 = 1_900_000_000_000;

function queue() {
  const sent: { body: DeliveryMessage; delaySeconds?: number }[] = [];
  return {
    sent,
    env: {
      KEY_ENCRYPTION_SECRET: SECRET,
      DELIVERIES: { sendBatch: async (m: Iterable<(typeof sent)[number]>) => void sent.push(...m) },
    },
  };
}

const request: MailRequest = {
  template: "email-verification",
  to: "Ada@Example.com",
  issuerId: "iss_1",
  locale: "fr",
  values: { link: "https://idp.test/v?t=1", code: "123456" },
  key: "verify:usr_1:1",
};

describe("queueMail", () => {
  it("queues one message at once, its values sealed under the mail purpose", async () => {
    const { env, sent } = queue();
    await queueMail(env, request, T0);
    expect(sent).toHaveLength(1);
    const [{ body, delaySeconds } = {} as never] = sent;
    expect(delaySeconds).toBe(0);
    expect(body).toMatchObject({
      mail: "request",
      template: "email-verification",
      to: "ada@example.com",
      issuer_id: "iss_1",
      locale: "fr",
      key: "verify:usr_1:1",
      attempt: 1,
    });
    const sealed = (body as { values_sealed: string }).values_sealed;
    expect(sealed).not.toContain("123456");
    expect(JSON.parse(await open(SECRET, MAIL_VALUES_PURPOSE, sealed))).toEqual(request.values);
    await expect(open("another-secret-0123456789", MAIL_VALUES_PURPOSE, sealed)).rejects.toThrow();
  });

  it("refuses a request its template cannot render, before anything is queued", async () => {
    const { env, sent } = queue();
    const noCode = { ...request, values: { link: "https://idp.test/v" } };
    await expect(queueMail(env, noCode, T0)).rejects.toThrow(MailError);
    await expect(queueMail(env, noCode, T0)).rejects.toThrow("email-verification needs code");
    await expect(queueMail(env, { ...request, to: "not an address" }, T0)).rejects.toThrow();
    await expect(
      queueMail(env, { ...request, template: "newsletter" as never }, T0),
    ).rejects.toThrow();
    await expect(queueMail(env, { ...request, key: "" }, T0)).rejects.toThrow();
    expect(sent).toEqual([]);
  });
});
