import { env } from "cloudflare:workers";
import { addVerifier, CreateAgentInput, createAgent } from "@authpi/domain/agents";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";

const DB = (env as unknown as Env).DB;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function withId(id: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string>), "x-request-id": id } };
}

describe("the IdP request context", () => {
  it("generates an X-Request-Id for every response, a new one each time", async () => {
    const seeded = await seedIssuer(DB);
    const first = await workerFetch(`/${seeded.issuer.id}/.well-known/openid-configuration`);
    const second = await workerFetch(`/${seeded.issuer.id}/.well-known/openid-configuration`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-request-id")).toMatch(UUID);
    expect(second.headers.get("x-request-id")).toMatch(UUID);
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
  });

  it("honours a well-formed inbound X-Request-Id and replaces a malformed one", async () => {
    const seeded = await seedIssuer(DB);
    const path = `/${seeded.issuer.id}/jwks.json`;
    const kept = await workerFetch(path, withId("req_01J.abc-42:7"));
    expect(kept.headers.get("x-request-id")).toBe("req_01J.abc-42:7");
    for (const bad of ["two words", "x".repeat(129), "id\u00e9", "a\tb"]) {
      const replaced = await workerFetch(path, withId(bad));
      expect(replaced.headers.get("x-request-id"), JSON.stringify(bad)).toMatch(UUID);
    }
  });

  it("sends X-Request-Id on errors, pages and redirects too", async () => {
    const seeded = await seedIssuer(DB);
    const issuer = `/${seeded.issuer.id}`;
    const cases: [string, RequestInit, number][] = [
      ["/iss_unknown/jwks.json", {}, 404],
      [`${issuer}/nothing-here`, {}, 404],
      [`${issuer}/token`, { method: "GET" }, 405],
      [
        `${issuer}/token`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "grant_type=client_credentials",
        },
        401,
      ],
      [`${issuer}/token`, { method: "POST", headers: { "content-type": "text/plain" } }, 400],
      [`${issuer}/userinfo`, {}, 401],
      [`${issuer}/authorize?client_id=unknown`, {}, 400],
      [
        `${issuer}/authorize?${new URLSearchParams({
          client_id: seeded.web.client.id,
          redirect_uri: "https://app.example.com/callback",
          response_type: "token",
        })}`,
        { redirect: "manual" },
        302,
      ],
    ];
    for (const [path, init, status] of cases) {
      const id = `case-${status}-${cases.findIndex((c) => c[0] === path && c[1] === init)}`;
      const response = await workerFetch(path, withId(id, init));
      expect(response.status, path).toBe(status);
      expect(response.headers.get("x-request-id"), path).toBe(id);
    }
  });

  it("records the request id in the events a request writes", async () => {
    const seeded = await seedIssuer(DB);
    const agent = await createAgent(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateAgentInput.parse({ name: "bot", model: "m", provider: "p", scopes: ["a"] }),
    );
    const { secret } = await addVerifier(seeded.db, seeded.ctx, seeded.issuer.id, agent.id, {
      type: "secret",
    });
    const response = await workerFetch(
      `/${seeded.issuer.id}/token`,
      withId("trace-agent-1", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${btoa(`${agent.id}:${secret}`)}`,
        },
        body: "grant_type=client_credentials",
      }),
    );
    expect(response.status).toBe(200);
    const [row] = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.type, "machine.token.issued"), eq(events.subjectId, agent.id)));
    expect(row?.request).toMatchObject({ request_id: "trace-agent-1" });
  });
});
