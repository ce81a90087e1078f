import { env } from "cloudflare:workers";
import { clients } from "@authpi/domain/db";
import type { BackChannelLogoutMessage, DeliveryMessage } from "@authpi/domain/delivery-queue";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as client from "openid-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerUrl, loginWithCode, type Seeded } from "./support/login-flow.ts";

const bindings = env as unknown as Env;
afterEach(() => vi.restoreAllMocks());

/** What the IdP puts on the deliveries queue. */
function captureQueue() {
  const sent: DeliveryMessage[] = [];
  vi.spyOn(bindings.DELIVERIES, "sendBatch").mockImplementation(
    async (messages: Iterable<{ body: DeliveryMessage }>) => {
      for (const m of messages) sent.push(m.body);
      return {
        metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } },
      } as QueueSendBatchResponse;
    },
  );
  return sent;
}

async function backChannel(seeded: Seeded, registered: Seeded["web"] | Seeded["spa"], uri: string) {
  await seeded.db
    .update(clients)
    .set({ settings: { ...registered.client.settings, backchannel_logout_uri: uri } })
    .where(eq(clients.id, registered.client.id));
}

describe("OIDC Back-Channel Logout 1.0 (the IdP's side)", () => {
  it("queues one signed logout token per ended RP session with a back-channel URI, without holding the page", async () => {
    const seeded = await seedIssuer(bindings.DB);
    await backChannel(seeded, seeded.web, "https://app.example.com/backchannel");
    const web = await loginWithCode(seeded);
    // The SPA has no back-channel URI: its session ends too, but nothing is sent for it.
    await loginWithCode(seeded, { kind: "spa", browser: web.browser });
    const sid = web.tokens.claims()?.sid as string;
    const sent = captureQueue();

    const url = client.buildEndSessionUrl(web.config, {
      id_token_hint: web.tokens.id_token as string,
    });
    expect((await web.browser.fetch(url.href)).status).toBe(200);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const message = sent[0] as BackChannelLogoutMessage;
    expect(message).toMatchObject({
      logout: "backchannel",
      uri: "https://app.example.com/backchannel",
      client_id: seeded.web.client.id,
      issuer_id: seeded.issuer.id,
    });

    const jwks = (await (await workerFetch(`/${seeded.issuer.id}/jwks.json`)).json()) as {
      keys: Parameters<typeof createLocalJWKSet>[0]["keys"];
    };
    const { payload } = await jwtVerify(
      message.logout_token,
      createLocalJWKSet({ keys: jwks.keys }),
      {
        issuer: issuerUrl(seeded),
        audience: seeded.web.client.id,
        typ: "logout+jwt",
      },
    );
    expect(decodeProtectedHeader(message.logout_token).typ).toBe("logout+jwt");
    expect(payload).toMatchObject({
      sub: seeded.user.id,
      sid,
      events: { "http://schemas.openid.net/event/backchannel-logout": {} },
    });
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty("nonce");
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(7200);
  });

  it("advertises back-channel logout with sessions in discovery", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const response = await workerFetch(`/${seeded.issuer.id}/.well-known/openid-configuration`);
    expect(await response.json()).toMatchObject({
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
    });
  });
});
