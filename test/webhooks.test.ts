import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { HttpBrowser } from "./support/http-browser.ts";
import { Receiver } from "./support/receiver.ts";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

let system: SeededSystem;
const receivers: Receiver[] = [];

// Retries here take 0, 0, 1, 4, 9... seconds instead of minutes and hours; timeouts 400 ms.
beforeAll(async () => {
  system = await startSeededSystem({ WEBHOOK_TIMEOUT_MS: "400", WEBHOOK_RETRY_SCALE: "0.0005" });
});
afterAll(async () => {
  for (const receiver of receivers) await receiver.stop();
  await system?.stop();
});

async function receiver(): Promise<Receiver> {
  const r = await new Receiver().start();
  receivers.push(r);
  return r;
}

interface CreatedWebhook {
  id: string;
  auth: { signature_secret_plain?: string; bearer_token_plain?: string };
}

function createWebhook(url: string, events: string[], type = "signature") {
  return coreApi<CreatedWebhook>(system, "POST", "/webhooks", {
    name: "test",
    url,
    events,
    auth: { type },
  });
}

function createOrganization(name: string) {
  return coreApi<{ id: string }>(
    system,
    "POST",
    `/issuers/${system.seed.issuer_id}/organizations`,
    { name },
  );
}

type Delivery = {
  id: string;
  status: string;
  attempt_count: number;
  attempts: { response_status: number | null; error: string | null; latency_ms: number }[];
};

async function deliveries(webhookId: string): Promise<Delivery[]> {
  const response = await fetch(
    `${system.coreUrl}/v1/accounts/${system.seed.account_id}/webhooks/${webhookId}/deliveries`,
    {
      headers: { authorization: system.basicAuth },
    },
  );
  return ((await response.json()) as { data: Delivery[] }).data;
}

const waitFor = (check: () => Promise<void> | void, timeout = 20_000) =>
  vi.waitFor(check, { timeout, interval: 100 });

describe("webhooks deliver signed events from the Core API", () => {
  it("delivers subscribed events once, signed so standardwebhooks verifies them", async () => {
    const r = await receiver();
    const hook = await createWebhook(r.url, ["organization.*"]);
    const org = await createOrganization("Signed");
    await coreApi(system, "POST", `/issuers/${system.seed.issuer_id}/users`, {
      username_type: "email",
      username: "not-subscribed@example.com",
    });
    await waitFor(() => expect(r.received).toHaveLength(1));
    const [message] = r.received;
    const verified = new Webhook(hook.auth.signature_secret_plain as string).verify(
      message?.body as string,
      message?.headers as Record<string, string>,
    ) as {
      type: string;
      subject: { id: string };
    };
    expect(verified).toMatchObject({ type: "organization.created", subject: { id: org.id } });
    await waitFor(async () =>
      expect((await deliveries(hook.id))[0]).toMatchObject({
        status: "succeeded",
        attempt_count: 1,
      }),
    );
    expect(r.received).toHaveLength(1);
  });

  it("sends the bearer token with bearer auth", async () => {
    const r = await receiver();
    const hook = await createWebhook(r.url, ["organization.created"], "bearer+signature");
    await createOrganization("Bearer");
    await waitFor(() => expect(r.received).toHaveLength(1));
    expect(r.received[0]?.headers.authorization).toBe(`Bearer ${hook.auth.bearer_token_plain}`);
  });

  it("retries 500, 429 (Retry-After) and a timeout, then delivers with one stable webhook-id", async () => {
    const r = await receiver();
    r.script.push(
      { status: 500 },
      { status: 503 },
      { status: 429, headers: { "retry-after": "1" } },
      { status: 200, delayMs: 1500 },
    );
    const hook = await createWebhook(r.url, ["organization.created"]);
    await createOrganization("Flaky");
    await waitFor(
      async () => expect((await deliveries(hook.id))[0]?.status).toBe("succeeded"),
      30_000,
    );
    const [delivery] = await deliveries(hook.id);
    expect(delivery?.attempts.map((a) => a.response_status)).toEqual([500, 503, 429, null, 200]);
    expect(delivery?.attempts[3]?.error).toMatch(/timed out/);
    expect(new Set(r.received.map((m) => m.headers["webhook-id"])).size).toBe(1);
    const after429 = (r.received[3]?.at ?? 0) - (r.received[2]?.at ?? 0);
    expect(after429).toBeGreaterThanOrEqual(900);
  });

  it("keeps retrying while the receiver is down and delivers once it is back", async () => {
    const r = await receiver();
    const port = r.port;
    await r.stop();
    const hook = await createWebhook(`http://127.0.0.1:${port}/hooks`, ["organization.created"]);
    await createOrganization("Down");
    await waitFor(async () =>
      expect((await deliveries(hook.id))[0]?.attempt_count).toBeGreaterThanOrEqual(2),
    );
    expect((await deliveries(hook.id))[0]?.attempts[0]?.error).toMatch(/network error/);
    await r.start(port);
    await waitFor(
      async () => expect((await deliveries(hook.id))[0]?.status).toBe("succeeded"),
      30_000,
    );
    expect(r.received).toHaveLength(1);
  });

  it("signs with both secrets during a rotation", async () => {
    const r = await receiver();
    const hook = await createWebhook(r.url, ["organization.created"]);
    const rotated = await coreApi<CreatedWebhook>(
      system,
      "POST",
      `/webhooks/${hook.id}/rotate-secret`,
    );
    await createOrganization("Rotated");
    await waitFor(() => expect(r.received).toHaveLength(1));
    const { body, headers } = r.received[0] as { body: string; headers: Record<string, string> };
    expect(headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(() =>
      new Webhook(hook.auth.signature_secret_plain as string).verify(body, headers),
    ).not.toThrow();
    expect(() =>
      new Webhook(rotated.auth.signature_secret_plain as string).verify(body, headers),
    ).not.toThrow();
  });

  it("a paused webhook gets nothing; test events and redelivery reach the receiver", async () => {
    const r = await receiver();
    const hook = await createWebhook(r.url, ["organization.created"]);
    await coreApi(system, "PATCH", `/webhooks/${hook.id}`, { status: "disabled" });
    await createOrganization("Paused");
    const test = await coreApi<{ id: string }>(system, "POST", `/webhooks/${hook.id}/test`);
    await waitFor(() => expect(r.received).toHaveLength(1));
    expect(JSON.parse(r.received[0]?.body as string).type).toBe("webhook.test");
    expect(await deliveries(hook.id)).toHaveLength(1);
    await waitFor(async () =>
      expect((await deliveries(hook.id))[0]).toMatchObject({ status: "succeeded" }),
    );
    // A redelivery is queued (202) and the dispatcher makes the attempt.
    const redelivered = await coreApi<{ success: boolean; status: string }>(
      system,
      "POST",
      `/webhooks/${hook.id}/deliveries/${test.id}/redeliver`,
    );
    expect(redelivered).toMatchObject({ success: true, status: "pending" });
    await waitFor(() => expect(r.received).toHaveLength(2));
    expect(r.received[1]?.headers["webhook-id"]).toBe(r.received[0]?.headers["webhook-id"]);
    await waitFor(async () =>
      expect((await deliveries(hook.id))[0]).toMatchObject({
        status: "succeeded",
        attempt_count: 2,
      }),
    );
  });

  it("refuses targets that are not public https (SSRF)", async () => {
    for (const url of [
      "http://example.com/hook",
      "https://169.254.169.254/latest",
      "https://10.0.0.8/hook",
      "https://localhost.localdomain.internal/x",
      "https://167772161/hook",
      "https://127.0.0.1.nip.io/hook",
      "https://localtest.me/hook",
    ]) {
      const response = await fetch(
        `${system.coreUrl}/v1/accounts/${system.seed.account_id}/webhooks`,
        {
          method: "POST",
          headers: { authorization: system.basicAuth, "content-type": "application/json" },
          body: JSON.stringify({ name: "ssrf", url, auth: { type: "none" } }),
        },
      );
      expect(response.status, url).toBe(422);
      expect(((await response.json()) as { fields: { field: string }[] }).fields[0]?.field).toBe(
        "url",
      );
    }
  });
});

describe("changes and logins reach a subscribed receiver", () => {
  it("delivers organization create/update/delete and the login's events", async () => {
    const r = await receiver();
    const hook = await createWebhook(r.url, ["organization.*", "session.*", "user.verification.*"]);
    const org = await createOrganization("Lifecycle");
    await coreApi(system, "PATCH", `/issuers/${system.seed.issuer_id}/organizations/${org.id}`, {
      name: "Renamed",
    });
    await coreApi(system, "DELETE", `/issuers/${system.seed.issuer_id}/organizations/${org.id}`);
    const spa = system.seed.clients.spa;
    const authorize = new URL(`${system.idpUrl}/${system.seed.issuer_id}/authorize`);
    authorize.search = new URLSearchParams({
      client_id: spa.client_id,
      redirect_uri: spa.redirect_uris[0] as string,
      response_type: "code",
      scope: "openid",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    }).toString();
    await new HttpBrowser().login(
      authorize.href,
      system.seed.user.username,
      system.seed.user.password,
    );
    const expected = [
      "organization.created",
      "organization.updated",
      "organization.deleted",
      "user.verification.succeeded",
      "session.created",
    ];
    const types = () =>
      r.received
        .map(
          (m) =>
            new Webhook(hook.auth.signature_secret_plain as string).verify(
              m.body,
              m.headers as Record<string, string>,
            ) as { type: string },
        )
        .map((e) => e.type);
    await waitFor(() => expect(types().sort()).toEqual([...expected].sort()), 30_000);
  });
});

describe("the audit trail through the Core API", () => {
  it("lists events with type, subject and time filters and gets one by id", async () => {
    const since = Date.now();
    const org = await createOrganization("Audited");
    const page = await fetch(
      `${system.coreUrl}/v1/accounts/${system.seed.account_id}/events?event_types=organization.*&after=${since}&subject_id=${org.id}`,
      { headers: { authorization: system.basicAuth } },
    ).then((r) => r.json() as Promise<{ data: { id: string; type: string }[]; has_more: boolean }>);
    expect(page.data.map((e) => e.type)).toEqual(["organization.created"]);
    const one = await coreApi<{ id: string; subject: { id: string } }>(
      system,
      "GET",
      `/events/${page.data[0]?.id}`,
    );
    expect(one.subject.id).toBe(org.id);
  });
});
