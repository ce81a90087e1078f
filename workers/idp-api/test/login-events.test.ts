import { env } from "cloudflare:workers";
import { listEvents } from "@authpi/domain/events";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { obtainCode } from "./support/raw-flow.ts";

const DB = (env as unknown as Env).DB;
const filters = { limit: 50 };

describe("sign-in events name the client", () => {
  it("events?client_id= and ?user_id= find the sign-in's verification and session events", async () => {
    const seeded = await seedIssuer(DB);
    const browser = new TestBrowser();
    const failed = await browser.fetch(
      `/${seeded.issuer.id}/authorize?${new URLSearchParams({
        client_id: seeded.web.client.id,
        redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
        response_type: "code",
        scope: "openid",
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      })}`,
    );
    await browser.submitLogin(seeded.issuer.id, await failed.text(), "alice@example.com", "wrong");
    await obtainCode(seeded, { browser });

    const byClient = await listEvents(seeded.db, seeded.accountId, {
      ...filters,
      client_id: seeded.web.client.id,
    });
    const types = byClient.data.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "user.verification.failed",
        "user.verification.succeeded",
        "session.created",
      ]),
    );
    const signIn = byClient.data.filter((e) => e.type !== "client.created");
    expect(signIn.every((e) => e.data.client_id === seeded.web.client.id)).toBe(true);

    const byOtherClient = await listEvents(seeded.db, seeded.accountId, {
      ...filters,
      client_id: seeded.spa.client.id,
    });
    expect(byOtherClient.data.filter((e) => e.type.startsWith("user.verification"))).toEqual([]);

    const byUser = await listEvents(seeded.db, seeded.accountId, {
      ...filters,
      user_id: seeded.user.id,
    });
    expect(byUser.data.map((e) => e.type)).toContain("session.created");
  });
});
