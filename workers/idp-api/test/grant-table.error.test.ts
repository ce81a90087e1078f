import { env } from "cloudflare:workers";
import { addVerifier, CreateAgentInput, createAgent } from "@authpi/domain/agents";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { TestBrowser } from "./support/browser.ts";
import { exchange, obtainCode, postForm } from "./support/raw-flow.ts";

const DB = (env as unknown as Env).DB;

async function seedAgent() {
  const seeded = await seedIssuer(DB);
  const agent = await createAgent(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    CreateAgentInput.parse({ name: "bot", model: "m", provider: "p", scopes: ["tickets:read"] }),
  );
  const { secret } = await addVerifier(seeded.db, seeded.ctx, seeded.issuer.id, agent.id, {
    type: "secret",
  });
  return { seeded, agent, secret: secret as string };
}

function rawForm(path: string, body: string, basic?: { id: string; secret: string }) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (basic) headers.authorization = `Basic ${btoa(`${basic.id}:${basic.secret}`)}`;
  return workerFetch(path, { method: "POST", headers, body });
}

async function oauthError(response: Response) {
  expect(response.headers.get("cache-control")).toBe("no-store");
  return (await response.json()) as { error: string; error_description: string };
}

describe("the grant table at /token", () => {
  it("answers a grant_type no module registers with unsupported_grant_type, naming it", async () => {
    const { seeded, agent, secret } = await seedAgent();
    const unsupported = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    for (const basic of [
      { id: seeded.web.client.id, secret: seeded.web.secret as string },
      {
        id: agent.id,
        secret,
      },
    ]) {
      const response = await postForm(
        `/${seeded.issuer.id}/token`,
        { grant_type: unsupported },
        basic,
      );
      expect(response.status).toBe(400);
      expect(await oauthError(response)).toEqual({
        error: "unsupported_grant_type",
        error_description: `grant_type ${unsupported} is not supported`,
      });
    }
  });

  it("answers a grant another kind of caller has with unauthorized_client", async () => {
    const { seeded, agent, secret } = await seedAgent();
    const response = await postForm(
      `/${seeded.issuer.id}/token`,
      { grant_type: "authorization_code", code: "x" },
      { id: agent.id, secret },
    );
    expect(response.status).toBe(400);
    expect((await oauthError(response)).error).toBe("unauthorized_client");
  });

  it("refuses a repeated parameter, known or not, naming it (RFC 6749 §3.2)", async () => {
    const { seeded, agent, secret } = await seedAgent();
    const path = `/${seeded.issuer.id}/token`;
    for (const name of ["scope", "x_custom"]) {
      const body = `grant_type=client_credentials&${name}=tickets:read&${name}=tickets:read`;
      const response = await rawForm(path, body, { id: agent.id, secret });
      expect(response.status).toBe(400);
      expect(await oauthError(response)).toEqual({
        error: "invalid_request",
        error_description: `${name} is repeated`,
      });
    }
    const resources = "resource=https://api.example.com/a&resource=https://api.example.com/b";
    const ok = await rawForm(path, `grant_type=client_credentials&${resources}`, {
      id: agent.id,
      secret,
    });
    expect(ok.status).toBe(200);
  });

  it("ignores unknown parameters and those of other grants (RFC 6749 §3.2)", async () => {
    const { seeded, agent, secret } = await seedAgent();
    const agentToken = await postForm(
      `/${seeded.issuer.id}/token`,
      {
        grant_type: "client_credentials",
        x_custom: "1",
        code: "not-this-grant",
        refresh_token: "x",
      },
      { id: agent.id, secret },
    );
    expect(agentToken.status).toBe(200);
    const userToken = await exchange(seeded, await obtainCode(seeded), { ui_locales: "de" });
    expect(userToken.status).toBe(200);
  });
});

describe("the same parameter check at /authorize", () => {
  function authorize(issuerId: string, query: string) {
    return new TestBrowser().fetch(`/${issuerId}/authorize?${query}`);
  }

  it("redirects a repeated parameter back as invalid_request, naming it (RFC 6749 §3.1)", async () => {
    const seeded = await seedIssuer(DB);
    const base = new URLSearchParams({
      client_id: seeded.web.client.id,
      redirect_uri: "https://app.example.com/callback",
      response_type: "code",
      scope: "openid",
      state: "xyz",
    });
    for (const name of ["scope", "x_custom"]) {
      const response = await authorize(seeded.issuer.id, `${base}&${name}=openid&${name}=email`);
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("location") as string);
      expect(location.searchParams.get("error")).toBe("invalid_request");
      expect(location.searchParams.get("error_description")).toBe(`${name} is repeated`);
      expect(location.searchParams.get("state")).toBe("xyz");
    }
  });

  it("shows a repeated client_id on a page, never a redirect", async () => {
    const seeded = await seedIssuer(DB);
    const query = `x_custom=1&x_custom=2&client_id=${seeded.web.client.id}&client_id=${seeded.spa.client.id}&redirect_uri=https://app.example.com/callback&response_type=code`;
    const response = await authorize(seeded.issuer.id, query);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("client_id is repeated");
  });

  it("ignores an unknown parameter and shows the sign-in form", async () => {
    const seeded = await seedIssuer(DB);
    const query = new URLSearchParams({
      client_id: seeded.spa.client.id,
      redirect_uri: "http://localhost:5173/callback",
      response_type: "code",
      scope: "openid",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      ui_locales: "de",
      x_custom: "1",
    });
    const response = await authorize(seeded.issuer.id, `${query}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<form");
  });
});
