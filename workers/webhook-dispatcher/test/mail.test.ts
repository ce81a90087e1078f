import type { MailDeliveryMessage } from "@authpi/domain/delivery-queue";
import { MAX_ATTEMPTS } from "@authpi/domain/delivery-queue";
import {
  CreateInvitationInput,
  CreateOrganizationInput,
  createInvitation,
  createOrganization,
} from "@authpi/domain/organizations";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import { handleDeliveryBatch } from "../src/handle-deliveries.ts";
import { batchOf } from "./support/batch.ts";
import { receiver } from "./support/outside.ts";
import { captureQueue, testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;

async function invitationMail(): Promise<MailDeliveryMessage> {
  const s = await seedIssuer(testEnv.DB, T0);
  const org = await createOrganization(
    s.db,
    s.ctx,
    s.issuer.id,
    CreateOrganizationInput.parse({ name: "Acme" }),
  );
  const invitation = await createInvitation(
    s.db,
    s.ctx,
    testEnv.KEY_ENCRYPTION_SECRET,
    { issuerId: s.issuer.id, orgId: org.id },
    CreateInvitationInput.parse({ email_invited: "invitee@example.com", scopes: ["member"] }),
  );
  return {
    mail: "invitation",
    invitation_id: invitation.id,
    event_id: "evt_mail",
    attempt: 1,
    due_at: null,
  };
}

async function sendAt(message: MailDeliveryMessage, mailApi: string, now: number) {
  const { queue, sent } = captureQueue();
  const { batch, result } = batchOf("authpi-deliveries", [message]);
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

describe("invitation emails on the same retry schedule", () => {
  it("retries a failing mail API after 5 s, then 5 min, and sends once it answers", async () => {
    const api = receiver();
    await api.script({ status: 503 }, { status: 503 });
    const message = await invitationMail();
    const first = await sendAt(message, api.url, T0);
    expect(first.result.explicitAcks).toEqual(["m0"]);
    const retry = first.sent[0]?.body as MailDeliveryMessage;
    expect(retry).toMatchObject({ attempt: 2, invitation_id: message.invitation_id });
    expect(((retry.due_at ?? 0) - T0) / 1000).toBeGreaterThanOrEqual(4);
    expect(((retry.due_at ?? 0) - T0) / 1000).toBeLessThanOrEqual(6);
    const second = await sendAt(retry, api.url, retry.due_at ?? T0);
    const third = second.sent[0]?.body as MailDeliveryMessage;
    expect(((third.due_at ?? 0) - (retry.due_at ?? 0)) / 1000).toBeGreaterThanOrEqual(240);
    expect((await sendAt(third, api.url, third.due_at ?? T0)).sent).toEqual([]);
    const mails = await api.received();
    expect(mails).toHaveLength(3);
    expect(JSON.parse(mails[2]?.body ?? "{}").to).toBe("invitee@example.com");
  });

  it("gives up after the last attempt of the schedule", async () => {
    const api = receiver();
    await api.script({ status: 500 });
    const message = { ...(await invitationMail()), attempt: MAX_ATTEMPTS };
    const { sent, result } = await sendAt(message, api.url, T0);
    expect(sent).toEqual([]);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(await api.received()).toHaveLength(1);
  });
});
