import { env } from "cloudflare:workers";
import { open } from "@authpi/domain/crypto";
import type { DeliveryMessage } from "@authpi/domain/delivery-queue";
import { MAIL_VALUES_PURPOSE } from "@authpi/domain/mail";
import { vi } from "vitest";
import type { Env } from "../../src/env.ts";

const bindings = env as unknown as Env;

export interface CapturedMail {
  template: string;
  to: string;
  key: string;
  locale: string;
  values: Record<string, string>;
}

/**
 * Records what the worker puts on the deliveries queue (the mail contract's only way out) and
 * opens the sealed values, as the dispatcher would.
 */
export function captureMail() {
  const sent: DeliveryMessage[] = [];
  const spy = vi
    .spyOn(bindings.DELIVERIES, "sendBatch")
    .mockImplementation(async (messages: Iterable<{ body: DeliveryMessage }>) => {
      for (const m of messages) sent.push(m.body);
      return {
        metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
      } as QueueSendBatchResponse;
    });
  async function all(): Promise<CapturedMail[]> {
    const out: CapturedMail[] = [];
    for (const body of sent) {
      if (!("mail" in body) || body.mail !== "request") continue;
      const values = JSON.parse(
        await open(bindings.KEY_ENCRYPTION_SECRET, MAIL_VALUES_PURPOSE, body.values_sealed),
      ) as Record<string, string>;
      out.push({
        template: body.template,
        to: body.to,
        key: body.key,
        locale: body.locale,
        values,
      });
    }
    return out;
  }
  return {
    all,
    count: () => sent.length,
    /** Waits for the `n`th email (the worker queues it after its response). */
    async nth(n: number): Promise<CapturedMail> {
      await vi.waitFor(() => {
        if (sent.length < n) throw new Error(`${sent.length} emails so far`);
      });
      return (await all())[n - 1] as CapturedMail;
    },
    restore: () => spy.mockRestore(),
  };
}
